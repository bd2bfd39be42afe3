"""`armoedegraaf ask ...`: the coordinators' questions on the command line, as a table or JSON.

Each subcommand calls the same question function the HTTP API calls (graph.questions.*)."""

from __future__ import annotations

import json
from typing import Any, Callable

import click

from armoedegraaf.names import resolve_actor, resolve_actors
from graph.answers.actors import Network
from graph.answers.gaps import MissingLinks
from graph.store import Store

# (column header, function of a row) per question, for --format table
Columns = list[tuple[str, Callable[[dict[str, Any]], Any]]]


def _table(rows: list[dict[str, Any]], columns: Columns) -> str:
    cells = [[str(fn(r) if fn(r) is not None else "") for _, fn in columns] for r in rows]
    widths = [min(60, max([len(h)] + [len(c[i]) for c in cells])) for i, (h, _) in enumerate(columns)]
    lines = ["  ".join(h.ljust(w) for (h, _), w in zip(columns, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c[:w].ljust(w) for c, w in zip(row, widths)) for row in cells]
    return "\n".join(lines)


def _emit(result: Any, rows: list[dict[str, Any]], columns: Columns, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(_table(rows, columns) if rows else "(nothing found)")


def _reasons(r: dict[str, Any]) -> str:
    parts = r.get("reasons", {})
    return "; ".join(f"{k} {v.get('contribution', 0):.2f}" for k, v in sorted(parts.items()) if isinstance(v, dict))


def _subject_names(r: dict[str, Any]) -> str:
    subject = r.get("subject", {})
    if "a" in subject:
        return f"{subject['a'].get('name')} <-> {subject['b'].get('name')}"
    return str(subject.get("name") or subject.get("province") or "")
def _why(r: dict[str, Any]) -> str:
    """What a fused hit matched: its words, and its best passage with the line it starts on."""
    words = ", ".join(r.get("matched") or [])
    passage = r.get("passage")
    where = f"{r.get('source')}:{passage['line'] if passage and passage.get('line') else r.get('line')}"
    text = f" | {passage['similarity']:.2f} \"{passage['text'][:60]}\"" if passage else ""
    return f"{where} {words}{text}"


def register(cli: click.Group, with_store: Callable[[click.Context, Callable[[Store], Any]], Any]) -> None:
    from graph.questions import actors as qa
    from graph.questions import search as qs
    from graph.questions.missing_links import KINDS, missing_links
    from graph.questions.network import network

    fmt_option = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                              show_default=True)

    @cli.group()
    def ask() -> None:
        """Ask the graph: search, overlap, similar, check, missing-links, shared-grondrecht, network."""

    @ask.command("search")
    @click.argument("query")
    @click.option("--type", "type_", type=click.Choice(list(qs.SEARCH_TYPES)), default=None)
    @click.option("--limit", type=int, default=10, show_default=True)
    @fmt_option
    @click.pass_context
    def search_cmd(ctx: click.Context, query: str, type_: str | None, limit: int, fmt: str) -> None:
        """Search actions, projects and actors. Example: armoedegraaf ask search kinderarmoede"""
        result = with_store(ctx, lambda s: qs.search(s, query, limit, type_))
        _emit(result, result["results"], [("type", lambda r: r["type"]), ("id", lambda r: r.get("id")),
                                          ("code", lambda r: r["code"]), ("name", lambda r: r["name"]),
                                          ("score", lambda r: f"{r['score']:.3f}"),
                                          ("matched", lambda r: ", ".join(r["matched"])), ("why", _why)], fmt)

    @ask.command("overlap")
    @click.option("--min-score", type=float, default=0.3, show_default=True)
    @click.option("--grondrecht", default=None, help="grondrecht code 00..10")
    @click.option("--limit", type=int, default=20, show_default=True)
    @fmt_option
    @click.pass_context
    def overlap_cmd(ctx: click.Context, min_score: float, grondrecht: str | None, limit: int, fmt: str) -> None:
        """Overlapping initiatives, exact duplicates first. Example: armoedegraaf ask overlap --grondrecht 08"""
        from graph.verdicts import open_verdicts

        def run(s: Store) -> dict[str, Any]:
            verdicts = open_verdicts(s)  # pairs a coordinator judged distinct leave the list
            try:
                return qs.overlap(s, min_score, grondrecht, limit, verdicts=verdicts)
            finally:
                verdicts.close()

        result = with_store(ctx, run)
        rows = result["repeated_fiches"] + result["pairs"]
        _emit(result, rows, [("a", lambda r: r["a"].get("code") or r["a"].get("name")),
                             ("b", lambda r: r["b"].get("code") or r["b"].get("name")),
                             ("score", lambda r: f"{r['score']:.3f}"),
                             ("exact", lambda r: "yes" if r["exact_duplicate"] else ""), ("reasons", _reasons)], fmt)

    @ask.command("similar")
    @click.argument("code")
    @click.option("--plan", default=None, help="the action's plan (default: found from the code)")
    @click.option("--limit", type=int, default=10, show_default=True)
    @fmt_option
    @click.pass_context
    def similar_cmd(ctx: click.Context, code: str, plan: str | None, limit: int, fmt: str) -> None:
        """Initiatives most like one action (any plan). Example: armoedegraaf ask similar OG25-01"""
        result = with_store(ctx, lambda s: qs.similar(s, code, plan=plan, limit=limit))
        _emit(result, result["similar"], [("code", lambda r: r.get("code")), ("name", lambda r: r.get("name")),
                                          ("score", lambda r: f"{r['score']:.3f}"), ("why", _why)], fmt)

    @ask.command("check")
    @click.argument("text")
    @click.option("--actor", "actors", multiple=True, help="a partner that takes part: id or name (repeatable)")
    @click.option("--grondrecht", default=None, help="grondrecht code 00..10")
    @click.option("--limit", type=int, default=10, show_default=True)
    @fmt_option
    @click.pass_context
    def check_cmd(ctx: click.Context, text: str, actors: tuple[str, ...], grondrecht: str | None, limit: int,
                  fmt: str) -> None:
        """Does a planned initiative already exist? Example: armoedegraaf ask check
        'huiswerkbegeleiding met de scholen' --actor 'OCMW Zottegem'"""
        result = with_store(ctx, lambda s: qs.check(s, text, list(actors), grondrecht, limit))
        _emit(result, result["matches"], [("level", lambda r: r["level"]), ("code", lambda r: r.get("code")),
                                          ("name", lambda r: r.get("name")),
                                          ("partners", lambda r: ", ".join(r["shared_actors"])), ("why", _why)], fmt)

    @ask.command("missing-links")
    @click.option("--kind", type=click.Choice(list(KINDS)), default=None, help="default: every kind")
    @click.option("--limit", type=int, default=10, show_default=True)
    @click.option("--scope", default=None, help="a platform, municipality, Huis van het Kind or province (id or name)")
    @fmt_option
    @click.pass_context
    def missing_cmd(ctx: click.Context, kind: str | None, limit: int, scope: str | None, fmt: str) -> None:
        """Absent partners, rights and stakeholders. Example: armoedegraaf ask missing-links --scope platform:ocmw-boom"""
        from graph.verdicts import open_verdicts

        def run(s: Store) -> dict[str, Any]:
            verdicts = open_verdicts(s)
            try:
                return missing_links(s, kind, limit, scope, verdicts)
            finally:
                verdicts.close()

        result = with_store(ctx, run)
        answer = MissingLinks.model_validate(result)  # the API's answer model: one contract for both
        rows = [item for items in result["kinds"].values() for item in items]
        if fmt == "table":
            click.echo("  ".join(f"{k}: {n}" for k, n in (answer.totals or {}).items()), err=True)
        _emit(result, rows, [("kind", lambda r: r["kind"]), ("subject", _subject_names),
                             ("status", lambda r: r["status"]), ("why", lambda r: r["why"])], fmt)

    @ask.command("shared-grondrecht")
    @click.argument("actor_ids", nargs=-1, required=True)
    @fmt_option
    @click.pass_context
    def shared_cmd(ctx: click.Context, actor_ids: tuple[str, ...], fmt: str) -> None:
        """Grondrechten two or more actors (ids or names) share.

        Example: armoedegraaf ask shared-grondrecht org:vvsg 'Kind & Gezin'"""
        result = with_store(ctx, lambda s: qa.shared_grondrecht(s, resolve_actors(s, list(actor_ids), "actors")))
        _emit(result, result["shared"], [("code", lambda r: r["code"]), ("name", lambda r: r["name"]),
                                         ("via", lambda r: "; ".join(f"{a}: {len(v)}" for a, v in r["via"].items()))],
              fmt)

    @ask.command("network")
    @click.argument("actor_id")
    @click.option("--depth", type=int, default=1, show_default=True)
    @click.option("--types", default=None, help="comma-separated node labels to keep")
    @click.option("--limit", type=int, default=200, show_default=True)
    @fmt_option
    @click.pass_context
    def network_cmd(ctx: click.Context, actor_id: str, depth: int, types: str | None, limit: int, fmt: str) -> None:
        """The partner network of an actor (id or name).

        Example: armoedegraaf ask network 'Huis van het Kind Boom'"""
        labels = [t.strip() for t in types.split(",")] if types else None

        def run(s: Store) -> dict[str, Any]:
            return network(s, resolve_actor(s, actor_id, "actor_id"), depth, labels, limit)

        result = with_store(ctx, run)
        answer = Network.model_validate(result)  # the API's answer model: one contract for both
        if fmt == "table" and answer.message:
            click.echo(answer.message, err=True)
        _emit(result, result["edges"], [("from", lambda r: r["start"]), ("type", lambda r: r["type"]),
                                        ("to", lambda r: r["end"]),
                                        ("as written", lambda r: r["properties"].get("as_written")),
                                        ("line", lambda r: f"{r['properties']['source']}:{r['properties']['line']}")],
              fmt)
