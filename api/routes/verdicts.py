"""The coordinator's verdicts: give one, list them (with those that no longer attach), CSV out and in."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from api.deps import StoreDep
from graph.answers.meta import NewSince, VerdictGiven, VerdictImport, VerdictListing
from armoedegraaf.errors import InvalidParameter, SourceError
from graph.questions import verdicts as q
from graph.verdicts import VERDICTS, from_csv, import_rows, to_csv

router = APIRouter(tags=["verdicts"])


class VerdictIn(BaseModel):
    kind: str = Field(description=f"one of: {', '.join(VERDICTS)}")
    a: str = Field(min_length=1, max_length=500, description="first id (overlap, merge) or the missing link's key")
    b: str = Field(default="", max_length=500, description="second id (overlap, merge); empty for a gap")
    verdict: str = Field(description="; ".join(f"{k}: {', '.join(v)}" for k, v in VERDICTS.items()))
    author: str = Field(min_length=1, max_length=200)
    note: str = Field(default="", max_length=2000)


class BadRequest(BaseModel):
    detail: str


_BAD_BODY = {400: {"model": BadRequest, "description": "the body cannot be read"}}


@router.post("/verdicts", response_model=VerdictGiven, response_model_exclude_unset=True, status_code=201, responses=_BAD_BODY,
             summary="Record a verdict on an overlap pair, an actor merge or a missing link")
def give(request: Request, store: StoreDep, body: VerdictIn) -> dict[str, Any]:
    return q.give(store, request.app.state.verdicts, body.kind, body.a, body.b, body.verdict, body.author, body.note)


@router.get("/verdicts", response_model=VerdictListing, response_model_exclude_unset=True, summary="The verdicts in force, and those that no longer attach to the graph")
def listing(request: Request, store: StoreDep,
            kind: Annotated[str | None, Query(description=f"one of: {', '.join(VERDICTS)}")] = None) -> dict[str, Any]:
    if kind is not None and kind not in VERDICTS:
        raise InvalidParameter("kind", f"unknown kind {kind!r}; known: {', '.join(VERDICTS)}")
    return q.listing(store, request.app.state.verdicts, kind)


@router.get("/verdicts.csv", response_class=PlainTextResponse, summary="Every verdict ever given, as CSV")
def export_csv(request: Request) -> str:
    return to_csv(request.app.state.verdicts.all())


@router.post("/verdicts.csv", response_model=VerdictImport, response_model_exclude_unset=True, responses=_BAD_BODY, summary="Import verdicts from CSV (kind,a,b,verdict,author,note,at); all or none")
def import_csv(request: Request, text: Annotated[str, Body(media_type="text/csv")]) -> dict[str, Any]:
    try:
        rows = from_csv(text, "verdicts.csv")
    except SourceError as exc:  # a bad row of the body: 422 naming line and field, nothing written
        raise InvalidParameter("body", str(exc)) from None
    return import_rows(request.app.state.verdicts, rows)


@router.get("/new-since", response_model=NewSince, response_model_exclude_unset=True, summary="Gaps and overlap pairs that appeared since a date or the last load")
def new_since(request: Request, store: StoreDep,
              since: Annotated[str, Query(description="ISO date or date-time, or 'last-load'")]) -> dict[str, Any]:
    return q.new_since(store, request.app.state.verdicts, since)
