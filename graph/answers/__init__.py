"""Typed answers: a pydantic model for each answer of the questions (graph/questions), importable
without FastAPI, so that the API's OpenAPI document describes every response, and the CLI and the
notebooks can read an answer as an object (`ActionPage.model_validate(list_actions(store))`).

One module per area (actions, actors, places, search, gaps, plans, meta); graph.answers.common holds
the small shapes they share (node refs, provenance, graph nodes and edges, verdicts). Every model derives from
graph.answers.base.Answer: declared fields are typed, the rest passes through, absent stays absent.
"""
