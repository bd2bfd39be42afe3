"""`armoedegraaf verdict ...`: give, list, export and import the coordinator's verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import click

from graph.store import Store
from graph.verdicts import VERDICTS


def register(cli: click.Group, with_store: Callable[[click.Context, Callable[[Store], Any]], Any]) -> None:
    from graph.questions import verdicts as q
    from graph.verdicts import from_csv, import_rows, open_verdicts, to_csv

    def with_verdicts(ctx: click.Context, fn: Callable[[Store, Any], Any]) -> Any:
        def run(store: Store) -> Any:
            vstore = open_verdicts(store)
            try:
                return fn(store, vstore)
            finally:
                vstore.close()

        return with_store(ctx, run)

    @cli.group()
    def verdict() -> None:
        """The coordinator's judgements: overlap pairs, actor merges, missing links."""

    @verdict.command("give")
    @click.argument("kind", type=click.Choice(list(VERDICTS)))
    @click.argument("a")
    @click.argument("b", required=False, default="")
    @click.option("--verdict", "value", required=True,
                  help="; ".join(f"{k}: {', '.join(v)}" for k, v in VERDICTS.items()))
    @click.option("--author", required=True)
    @click.option("--note", default="")
    @click.pass_context
    def give_cmd(ctx: click.Context, kind: str, a: str, b: str, value: str, author: str, note: str) -> None:
        """Record a verdict. Example: armoedegraaf verdict give overlap action:x action:y --verdict distinct --author An"""
        result = with_verdicts(ctx, lambda s, v: q.give(s, v, kind, a, b, value, author, note))
        click.echo(json.dumps(result, ensure_ascii=False))

    @verdict.command("list")
    @click.option("--kind", type=click.Choice(list(VERDICTS)), default=None)
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
    @click.pass_context
    def list_cmd(ctx: click.Context, kind: str | None, fmt: str) -> None:
        """The verdicts in force; those that no longer attach to the graph are marked."""
        result = with_verdicts(ctx, lambda s, v: q.listing(s, v, kind))
        if fmt == "json":
            click.echo(json.dumps(result, ensure_ascii=False, indent=2))
            return
        for r in result["verdicts"]:
            mark = "" if r["attached"] else f"  [LOSGEKOPPELD: {r['detached_because']}]"
            click.echo(f"{r['at'][:19]}  {r['kind']:<7} {r['verdict']:<12} {r['a']}  {r['b']}  ({r['author']}){mark}")
        click.echo(f"{result['total']} verdicts, {len(result['detached'])} losgekoppeld", err=True)

    @verdict.command("new-since")
    @click.argument("since")
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
    @click.pass_context
    def new_since_cmd(ctx: click.Context, since: str, fmt: str) -> None:
        """Gaps and overlap pairs that appeared since SINCE (an ISO date or 'last-load')."""
        result = with_verdicts(ctx, lambda s, v: q.new_since(s, v, since))
        if fmt == "json":
            click.echo(json.dumps(result, ensure_ascii=False, indent=2))
            return
        for item in result["gaps"] + result["overlap"]:
            what = item.get("why") or f"{item['a'].get('code') or item['a']['id']} ~ {item['b'].get('code') or item['b']['id']}"
            click.echo(f"{item['first_seen'][:19]}  {item['type']:<7} {item['key'][:60]:<60} {what[:80]}")
        click.echo(f"{result['total']} nieuw sinds {since}", err=True)

    @verdict.command("export")
    @click.option("--output", type=click.Path(path_type=Path, dir_okay=False), default=None)
    @click.pass_context
    def export_cmd(ctx: click.Context, output: Path | None) -> None:
        """Every verdict ever given, as CSV (stdout or --output)."""
        text = with_verdicts(ctx, lambda s, v: to_csv(v.all()))
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=False)

    @verdict.command("import")
    @click.argument("path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
    @click.pass_context
    def import_cmd(ctx: click.Context, path: Path) -> None:
        """Import verdicts from CSV; every row is checked before any is written."""
        text = path.read_text(encoding="utf-8-sig")
        click.echo(json.dumps(with_verdicts(ctx, lambda s, v: import_rows(v, from_csv(text, str(path))))))
