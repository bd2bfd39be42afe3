"""The Dutch analyzer: normalisation, tokens, stop words, stemming, compounds, ligature repair."""

from __future__ import annotations

import pytest

from graph.text import (
    Analyzer, analyze, default_analyzer, document_terms, document_text, fold, matched_terms, stem,
)


def test_accents_are_folded_and_case_lowered():
    assert fold("Financiële Één Dēmos café") == "financiele een demos cafe"
    assert analyze("financiële") == analyze("FINANCIELE") == ["financiel"]


def test_action_codes_stay_one_token():
    assert "05_02_06" in analyze("Zie actie 05_02_06 en ACTIE 03_06_07.")
    assert "05" not in analyze("actie 05_02_06")


def test_stop_words_are_dropped():
    assert analyze("de en het van een voor in op met") == []
    assert analyze("de kinderopvang van het OCMW") == ["kinderopvang", "kind", "opvang", "ocmw"]


@pytest.mark.parametrize("a,b", [
    ("kinderen", "kind"), ("scholen", "school"), ("gezinnen", "gezin"), ("huizen", "huis"),
    ("kansen", "kans"), ("steden", "stad"), ("ervaringsdeskundigen", "ervaringsdeskundige"),
    ("huurwaarborgen", "huurwaarborg"), ("schulden", "schuld"),
])
def test_inflections_share_a_stem(a, b):
    assert stem(a) == stem(b)


def test_the_classic_dutch_stemmer_keeps_the_ge_prefix():
    # snowballstemmer 3's new 'dutch' gives gezin -> zin and gemeente -> meen
    assert stem("gezin") == "gezin" and stem("gemeente") != "meen"


def test_compounds_give_the_whole_and_the_parts():
    terms = analyze("kinderarmoedebestrijding")
    assert terms[0] == stem("kinderarmoedebestrijding")
    for word in ("armoede", "kinderen", "bestrijding"):
        assert stem(word) in terms, word
    for word, parts in {"huurwaarborg": ["huur", "waarborg"], "schoolkosten": ["school", "kosten"],
                        "energiearmoede": ["energie", "armoede"], "taalstimulering": ["taal", "stimulering"],
                        "ervaringsdeskundigen": ["ervaring", "deskundige"]}.items():
        assert {stem(p) for p in parts} <= set(analyze(word)), word


def test_linking_morphemes_between_parts():
    analyzer = default_analyzer()
    assert analyzer.split("vrijetijdsparticipatie")[-1] == "participatie"
    assert stem("tijd") in analyze("vrijetijdsparticipatie")
    assert analyzer.split("kinderenrechten") == ["kinderen", "rechten"]  # 'en' as a link too


def test_words_that_are_not_compounds_stay_whole():
    analyzer = default_analyzer()
    for word in ("onderwijs", "bestrijding", "platform", "verantwoordelijkheid", "tewerkstelling", "samenleving"):
        assert analyzer.split(word) == [], word


def test_decompounding_is_deterministic_and_uses_the_given_vocabulary():
    texts = ["De huur en de waarborg.", "Een huurwaarborg of twee huurwaarborgen, huur, waarborg."]
    first, second = Analyzer(texts, extra_words=()), Analyzer(list(reversed(texts)), extra_words=())
    assert first.split("huurwaarborg") == second.split("huurwaarborg") == ["huur", "waarborg"]
    assert Analyzer(["zomaar een tekst"], extra_words=()).split("huurwaarborg") == []


def test_a_new_compound_may_split_after_a_productive_modifier():
    analyzer = default_analyzer()
    assert analyzer.split("voedselpakketten") == ["voedsel", "pakketten"]  # 'pakketten': not a corpus word


def test_lost_ligature_glyphs_are_repaired_or_dropped():
    analyzer = default_analyzer()
    assert analyzer.repair_lost_glyphs("de lee\ufffd ijd") == "de leeftijd"
    assert analyzer.repair_lost_glyphs("De \ufffd nanciële steun") == "De financiële steun"
    assert analyzer.repair_lost_glyphs("Zij hee\ufffd  het") == "Zij heeft  het"
    assert "\ufffd" not in "".join(analyzer.analyze("xq\ufffd zz"))


def test_line_end_hyphenation_is_joined():
    assert analyze("een kansarm ge-\nzin") == analyze("een kansarm gezin")


def test_matched_terms_keeps_query_order_once():
    assert matched_terms(["kind", "armoed", "kind", "zzz"], ["armoed", "kind", "kind"]) == ["kind", "armoed"]


def test_document_terms_weigh_the_title_twice_and_carry_the_code():
    props = {"code": "08_04_02", "title": "Huurwaarborg", "summary": "Toegang tot de private huurmarkt."}
    terms = document_terms(props)
    assert terms[0] == "08_04_02"
    assert terms.count(stem("huurwaarborg")) == 2
    assert document_text(props) == "Huurwaarborg\nToegang tot de private huurmarkt."
    assert document_terms({"name": "Project X", "theme": "vrije tijd"}) == [*analyze("Project X")] * 2 + analyze("vrije tijd")


# -- bounded work (issue 15): whatever a request sends, the analyzer answers fast, in bounded memory

def test_an_8000_letter_compound_like_word_is_analysed_without_recursion():
    word = "kinderarmoede" * 616  # 8,008 letters of known parts: the old recursion died on this
    terms = default_analyzer().analyze(word)
    assert terms and all(len(t) <= 64 for t in terms)


def test_a_20000_letter_token_becomes_one_short_term():
    terms = default_analyzer().analyze("b" * 20_000)
    assert len(terms) == 1 and 60 <= len(terms[0]) <= 64 and set(terms[0]) == {"b"}


def test_long_words_do_not_grow_the_caches_without_bound():
    from graph import text

    analyzer = Analyzer(["kinderarmoede armoede kinderen kinderarmoede"])
    for i in range(50):
        analyzer.analyze(("x" * 5000) + str(i) + "kinderarmoede" * 10)
    assert all(len(w) <= text.MAX_WORD for w in analyzer._word_cache)
    assert all(len(w) <= text.MAX_WORD for w in analyzer._known)
    assert stem.cache_info().maxsize is not None


def test_the_iterative_segmentation_splits_as_before():
    analyzer = default_analyzer()
    assert analyzer.split("kinderarmoede") == ["kinder", "armoede"]
    assert analyzer.word_terms("huiswerkbegeleiding")[0] == "huiswerkbegeleid"
