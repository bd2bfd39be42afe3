"""The base of every answer model: the fields it declares are typed and documented, any other
field passes through unchanged, and a field the answer does not hold stays absent (the routes
serialise with `response_model_exclude_unset`), so an answer's JSON is exactly what the question
function returned."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

Number = int | float  # a score or count that may be either: pydantic keeps the exact type


class Answer(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)
