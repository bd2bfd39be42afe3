"""`armoedegraaf ask continuity | shared-with | timeline`: plans compared, one actor's shared
grondrechten, and the timeline; the same question functions the HTTP API calls."""

from __future__ import annotations

import json
from typing import Any, Callable

import click

from graph.store import Store


def register(cli: click.Group, with_store: Callable[[click.Context, Callable[[Store], Any]], Any]) -> None:
    from graph.questions.continuity import MIN_SCORE, TOP, continuity
    from graph.questions.timeline import shared_from, timeline

    ask = cli.commands["ask"]
    fmt_option = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                              show_default=True)

    @ask.command("continuity")
    @click.argument("earlier")
    @click.argument("later")
    @click.option("--min-score", type=float, default=MIN_SCORE, show_default=True)
    @click.option("--top", type=int, default=TOP, show_default=True)
    @fmt_option
    @click.pass_context
    def continuity_cmd(ctx: click.Context, earlier: str, later: str, min_score: float, top: int, fmt: str) -> None:
        """Which actions of LATER continue which of EARLIER. Example: armoedegraaf ask continuity vapa-2015-2019 opgroeien-2025"""
        result = with_store(ctx, lambda s: continuity(s, earlier, later, min_score, top))
        if fmt == "json":
            click.echo(json.dumps(result, ensure_ascii=False, indent=2))
            return
        for a in result["actions"]:
            flag = "  [(VAPA) = nieuw plan 2025, geen continuïteit]" if a["new_vapa_flag"] else ""
            click.echo(f"{a['code']:<11} {a['title'][:70]}{flag}")
            for m in a["continues"]:
                terms = ", ".join(m["evidence"]["text"]["shared_terms"][:5])
                click.echo(f"    <- {m['earlier']['code']} {m['score']:.3f} {m['earlier']['title'][:60]}  [{terms}]"
                           f"  ({m['earlier']['source']}:{m['earlier']['line']})")
            if not a["continues"]:
                click.echo("    (geen voorganger gevonden)")
        s = result["summary"]
        click.echo(f"{s['continuing']}/{s['later_actions']} latere acties zetten iets voort; "
                   f"{s['living_on']}/{s['earlier_actions']} eerdere acties leven voort", err=True)

    @ask.command("shared-with")
    @click.argument("actor_id")
    @click.option("--grondrecht", default=None, help="grondrecht code 00..10")
    @fmt_option
    @click.pass_context
    def shared_with_cmd(ctx: click.Context, actor_id: str, grondrecht: str | None, fmt: str) -> None:
        """Who shares a grondrecht with this actor. Example: armoedegraaf ask shared-with administration:kind-en-gezin --grondrecht 05"""
        result = with_store(ctx, lambda s: shared_from(s, actor_id, grondrecht))
        if fmt == "json":
            click.echo(json.dumps(result, ensure_ascii=False, indent=2))
            return
        for right in result["grondrechten"]:
            click.echo(f"{right['code']} {right['name']}: {right['total_others']} andere actoren")
            for o in right["others"][:15]:
                via = ", ".join(f"{v['code'] or v['id']} ({v['source'][:3]}:{v['line']})" for v in o["via"][:3])
                click.echo(f"    {o['name'][:50]:<50} samen in {o['together']}; via {via}")

    @ask.command("timeline")
    @click.option("--plan", default=None)
    @click.option("--actor", default=None)
    @click.option("--grondrecht", default=None)
    @fmt_option
    @click.pass_context
    def timeline_cmd(ctx: click.Context, plan: str | None, actor: str | None, grondrecht: str | None, fmt: str) -> None:
        """Milestones and plan periods. Example: armoedegraaf ask timeline --actor administration:kind-en-gezin"""
        result = with_store(ctx, lambda s: timeline(s, plan, actor, grondrecht))
        if fmt == "json":
            click.echo(json.dumps(result, ensure_ascii=False, indent=2))
            return
        for e in result["events"]:
            click.echo(f"{e['when']:<10} {e['plan'] or '':<28.28} {e['code'] or '':<10} {e['text'][:80]}")
