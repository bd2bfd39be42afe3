"""The `armoedegraaf` command: a thin shell over the Python API (loaders.pipeline, graph.store, api).

Every command takes --backend memory|neo4j (default from ARMOEDEGRAAF_BACKEND, else memory).
Errors of the product's exception tree print one line on stderr and exit 1; usage errors exit 2.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import sys
import tempfile
import traceback
import uuid
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from pydantic import ValidationError

from armoedegraaf.cli import ask as cli_ask, plans as cli_plans, verdict as cli_verdict
from armoedegraaf.errors import ArmoedegraafError, InvalidParameter
from armoedegraaf.settings import Settings


def _settings(ctx: click.Context) -> Settings:
    overrides = {k: v for k, v in ctx.obj.items() if v is not None}
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "settings"
        raise InvalidParameter(field, f"{first['msg']} (from the environment, .env or the command line)") from None


def _errors_to_exit(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _one_line_errors():
            return fn(*args, **kwargs)

    return wrapper


@contextlib.contextmanager
def _one_line_errors() -> Iterator[None]:
    """The CLI's catch-all: our errors as one `error:` line; anything else as one line with an
    error id, its traceback in a log file (never on the terminal). Exit 1 either way."""
    try:
        yield
    except ArmoedegraafError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
        raise  # usage errors: click reports them (exit 2)
    except KeyboardInterrupt:
        click.echo("error: interrupted; nothing was written", err=True)
        sys.exit(130)
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        click.echo(f"error: cannot read or write{where}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the one catch-all of the CLI
        error_id = uuid.uuid4().hex[:12]
        log_file = Path(tempfile.gettempdir()) / f"armoedegraaf-error-{error_id}.log"
        try:
            log_file.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
            where = f"; details in {log_file}"
        except OSError:
            where = ""
        click.echo(f"error: unexpected {type(exc).__name__} (error id {error_id}){where}", err=True)
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--backend", type=click.Choice(["memory", "neo4j"]), default=None,
              help="Graph store (default: $ARMOEDEGRAAF_BACKEND or memory).")
@click.option("--data-dir", type=click.Path(path_type=Path), default=None,
              help="Where the embedded (memory) graph is kept (default: .armoedegraaf/).")
@click.pass_context
def cli(ctx: click.Context, backend: str | None, data_dir: Path | None) -> None:
    """armoedegraaf: the knowledge graph of child-poverty policy in Flanders and Brussels."""
    # The driver logs each retry as a warning; the CLI reports the one error that matters instead.
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    ctx.obj = {"backend": backend, "data_dir": data_dir}


@cli.command()
@click.option("--sources", "sources_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder with the source documents (default: data/sources).")
@click.option("--only", multiple=True, help="Load only these documents by number prefix (e.g. --only 004).")
@click.option("--extra", "extras", multiple=True, type=click.Path(path_type=Path, exists=True),
              help="A coordinator's own sociale kaart (CSV/XLSX file or folder); repeatable.")
@click.option("--fresh", is_flag=True, help="Clear the stored graph first (in the same transaction).")
@click.option("--quiet", is_flag=True, help="The summary line only (the default; kept for scripts).")
@click.option("--report", "full", is_flag=True, help="Every count and every remark on the source documents.")
@click.option("--merges", is_flag=True, help="Print every actor merge (spelling -> actor, method, score, lines).")
@click.pass_context
@_errors_to_exit
def load(ctx: click.Context, sources_dir: Path | None, only: tuple[str, ...], extras: tuple[Path, ...],
         fresh: bool, quiet: bool, full: bool, merges: bool) -> None:
    """Parse the source documents and write the graph; print what was loaded in one line.

    What the coordinator's own files (--extra) need fixing comes first, each at its file, row and
    column; a rejected row makes the command exit 1 after writing every other row
    (docs/sociale-kaart-format.md). The remarks on the bundled sources are normal (names the
    resolver met for the first time, placeholders, ...): --report lists them.

    Example: armoedegraaf load --only 004 --backend neo4j
    """
    from graph.backends import open_store
    from loaders.pipeline import load_into
    from loaders.sociale_kaart.tables import row_errors

    settings = _settings(ctx)
    from graph.verdicts import open_verdicts

    store = open_store(settings)
    try:
        verdicts = open_verdicts(store)
        result = load_into(store, sources_dir or settings.sources_dir, list(extras), list(only) or None, fresh,
                           verdicts=verdicts.all())
        from graph.questions.verdicts import record_load

        seen = record_load(store, verdicts)  # for `GET /new-since`: what this load brought first
        result.report.count("new_gaps_and_overlaps", seen["new"])
        verdicts.close()
    finally:
        store.close()
    own = [w for w in result.report.warnings if _own_file(w.file, extras)]
    for warning in own:  # on stdout too, so that they come first whatever buffers a pipe has
        click.echo(str(warning))
    if full:
        click.echo(result.report.render())
    if merges and result.resolver is not None:  # every merge: spelling -> actor, method, score, lines
        click.echo(result.resolver.merge_report())
    click.echo(_summary(result, len(own)))  # last: the line a user reads
    failed = row_errors(result.report)
    if failed:
        click.echo(f"error: {len(failed)} row errors in the extra files; every other row was loaded", err=True)
        sys.exit(1)


def _own_file(file: str, extras: tuple[Path, ...]) -> bool:
    """Does a warning cite one of the coordinator's files (a file of an --extra, or a sheet of one)?"""
    names = {p.name for e in extras for p in ([e, *e.iterdir()] if e.is_dir() else [e])}
    return file.split("#", 1)[0] in names


def _summary(result: Any, own: int) -> str:
    """One Dutch line: what the graph now holds, and how many remarks the full report has."""
    from collections import Counter

    from armoedegraaf.kaart import load_style

    style = load_style()
    kinds = Counter(style.node(list(n.labels)) for n in result.batch.nodes.values())
    counts = ", ".join(f"{kinds[k]} {k.plural}" for k in (*style.nodes, style.fallback_node) if kinds[k])
    remarks = len(result.report.warnings) - own
    line = f"geladen: {counts}; {len(result.batch.relationships)} relaties"
    if own:
        line += f"; {own} meldingen over je eigen bestanden (hierboven)"
    if result.resolver is not None:  # the merge report in short; every merge with --merges
        merges = result.resolver.merges
        fuzzy = sum(1 for m in merges if m.method == "fuzzy")
        line += (f"; {len(merges)} schrijfwijzen samengevoegd ({fuzzy} bij benadering, "
                 f"{len(result.resolver.refusals)} geweigerd door de vangrails): zie armoedegraaf load --merges")
    if remarks:
        line += (f"; {remarks} opmerkingen over de brondocumenten (over de bronnen zelf, niet over je installatie): "
                 "zie armoedegraaf load --report")
    return line


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "graphml", "csv", "xlsx"]), default="json",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default: standard output); for csv the folder to write the tables in.")
@click.option("--excel", is_flag=True, help="csv/xlsx for Belgian Excel: ';', a BOM, Dutch headers and names.")
@click.pass_context
@_errors_to_exit
def export(ctx: click.Context, fmt: str, output: Path | None, excel: bool) -> None:
    """Write the whole graph as JSON ({nodes, relationships}) or GraphML, or as a sociale kaart
    (organisations, partnerships, platforms, actions: a folder of CSVs or one .xlsx) that
    `load --extra` reads back (docs/sociale-kaart-format.md).

    Example: armoedegraaf export --format graphml -o graaf.graphml
    Example: armoedegraaf export --format xlsx -o sociale-kaart.xlsx
    Example: armoedegraaf export --format csv --excel -o mijn-kaart/
    """
    from graph.export import to_graphml
    from graph.backends import open_store

    if fmt in ("csv", "xlsx") and output is None:
        raise click.UsageError(f"--format {fmt} needs -o ({'a folder' if fmt == 'csv' else 'an .xlsx file'})")
    if output is not None and output.is_dir() and fmt != "csv":
        raise click.UsageError(f"-o {output}: a folder; --format {fmt} writes a file")
    store = open_store(_settings(ctx))
    try:
        doc = store.export()
    finally:
        store.close()
    if fmt in ("csv", "xlsx"):
        from loaders.sociale_kaart.export import export_csv, export_xlsx

        result = (export_csv if fmt == "csv" else export_xlsx)(doc, output, excel)
        click.echo(f"wrote {result.summary()} to {output}")
        return
    text = json.dumps(doc, ensure_ascii=False, indent=1) if fmt == "json" else to_graphml(doc)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(doc['nodes'])} nodes, {len(doc['relationships'])} relationships to {output}")
    else:
        click.echo(text)


@cli.command()
@click.pass_context
@_errors_to_exit
def info(ctx: click.Context) -> None:
    """Print the backend, its version and the counts per label and relationship type.

    Example: armoedegraaf info --backend neo4j
    """
    from graph.backends import open_store

    store = open_store(_settings(ctx))
    try:
        click.echo(f"backend: {store.backend} ({store.ping()})")
        counts = store.counts()
    finally:
        store.close()
    for section in ("labels", "relationships"):
        click.echo(f"{section}:")
        for name, n in counts[section].items():
            click.echo(f"  {name:<20} {n:>6}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["markdown", "yaml"]), default="markdown", show_default=True)
def schema(fmt: str) -> None:
    """Print the graph schema (docs/schema.md is this command's markdown output).

    Example: armoedegraaf schema > docs/schema.md
    """
    import yaml

    from graph.schema import load_schema
    from graph.schema_docs import render_markdown

    s = load_schema()
    click.echo(render_markdown(s) if fmt == "markdown" else yaml.safe_dump(s.as_dict(), sort_keys=False), nl=False)


@cli.command()
@click.option("--host", default=None, help="Interface to bind (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.pass_context
@_errors_to_exit
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) over the stored graph.

    Example: armoedegraaf serve --port 8000
    """
    import uvicorn

    from api.app import create_app

    settings = _settings(ctx).model_copy(update={k: v for k, v in {"host": host, "port": port}.items() if v})
    base = f"http://{settings.host}:{settings.port}"
    click.echo(f"armoedegraaf API on {base}  (docs {base}/docs, health {base}/health, kaart {base}/kaart)")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")


def _with_store(ctx: click.Context, fn: Callable[[Any], Any]) -> Any:
    """Run one question against the configured store; errors become one line and exit 1."""
    from graph.backends import open_store

    with _one_line_errors():
        store = open_store(_settings(ctx))
        try:
            return fn(store)
        finally:
            store.close()


cli_ask.register(cli, _with_store)
cli_verdict.register(cli, _with_store)
cli_plans.register(cli, _with_store)


def main() -> None:
    cli(prog_name="armoedegraaf")

