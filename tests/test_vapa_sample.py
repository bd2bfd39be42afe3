"""The parser against a hand-checked sample of 33 actions (tests/fixtures/vapa_sample.yaml), field by
field. The sample was written by reading the source text, not from parser output."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from loaders.sources import VAPA
from loaders.vapa.document import VapaDocument
from loaders.vapa.fields import normalise_chars

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "004_0bee7784f433cdc9.txt"
SAMPLE = yaml.safe_load((ROOT / "tests" / "fixtures" / "vapa_sample.yaml").read_text(encoding="utf-8"))
TEXT_FIELDS = ("title", "budget_text", "responsible_cabinet", "responsible_administration", "involved_cabinet",
               "people_in_poverty", "involved_administration", "other_actors")
MIN_ACCURACY = 0.98


@pytest.fixture(scope="module")
def doc() -> VapaDocument:
    return VAPA.read(SOURCE)


def norm(text: str | None) -> str | None:
    return None if text is None else " ".join(normalise_chars(text).split())


def value_text(value) -> str | None:
    return None if value is None else norm(value.text)


def compare(entry: dict, doc: VapaDocument) -> list[tuple[str, object, object]]:
    """(field, expected, found) for every field the entry states; equal when expected == found."""
    action = doc.action(entry["code"])
    out: list[tuple[str, object, object]] = [("line", entry["line"], action.line)]
    for name in TEXT_FIELDS:
        if name in entry:
            out.append((name, norm(entry[name]), value_text(getattr(action, name))))
    if "budget_contains" in entry:
        found = value_text(action.budget_text) or ""
        out.append(("budget_contains", norm(entry["budget_contains"]), norm(entry["budget_contains"])
                    if norm(entry["budget_contains"]) in found else found))
    if "evaluation_contains" in entry:
        found = value_text(action.evaluation_indicator) or ""
        want = norm(entry["evaluation_contains"])
        out.append(("evaluation_contains", want, want if want in found else found))
    out.append(("budget_amounts_eur", [float(x) for x in entry["budget_amounts_eur"]], action.budget_amounts_eur))
    prefix = norm(entry["summary_prefix"])
    summary = value_text(action.summary)
    out.append(("summary_prefix", prefix, None if summary is None else summary[:len(prefix or "")] or None))
    out.append(("milestone_years", entry["milestone_years"], [m.year for m in action.milestones]))
    for name in ("replaced_by", "duplicate_lines"):
        if name in entry:
            out.append((name, entry[name], getattr(action, name)))
    return out


def test_sample_covers_every_grondrecht_and_enough_actions():
    assert len(SAMPLE) >= 27
    assert {e["code"][:2] for e in SAMPLE} == {f"{n:02d}" for n in range(11)}
    assert len({e["code"] for e in SAMPLE}) == len(SAMPLE)


def test_field_level_accuracy(doc):
    results = [(e["code"], *r) for e in SAMPLE for r in compare(e, doc)]
    wrong = [r for r in results if r[2] != r[3]]
    accuracy = 1 - len(wrong) / len(results)
    print(f"\nVAPA sample: {len(results) - len(wrong)}/{len(results)} fields correct ({accuracy:.2%})")
    for code, name, want, got in wrong:
        print(f"  {code} {name}: expected {want!r}, found {got!r}")
    assert accuracy >= MIN_ACCURACY


@pytest.mark.parametrize("entry", SAMPLE, ids=[e["code"] for e in SAMPLE])
def test_sample_action(entry, doc):
    """Each sampled action individually, so that a regression names the action."""
    wrong = [(name, want, got) for name, want, got in compare(entry, doc) if want != got]
    assert not wrong
