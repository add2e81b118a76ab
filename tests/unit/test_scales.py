"""Scales and levels: reading levels, comparing them within a scale and through referencings.

Nothing is derived that the declared pairs and the order of each scale do not
give: with BOC6 ≙ NLQF6, BOC7 ≥ NLQF6 and BOC5 < NLQF6, but BOC7 and NLQF7
cannot be compared, and such a comparison is *not met*, saying why.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from qualmark import Framework, FrameworkError, PortfolioError, Status, parse_framework
from qualmark.model.framework import ScaleDef
from qualmark.portfolio import parse_portfolio
from qualmark.scales import Level, Scales, build_scales, shipped_scales
from tests.unit.helpers import HEADER, en, framework, item, nl, outcome, portfolio

MET, NOT_MET, INCOMPLETE = Status.MET, Status.NOT_MET, Status.INCOMPLETE
SHIPPED = shipped_scales()

BOC_NLQF = """\
scales:
  - id: boc
    referencings:
      - {to: nlqf, pairs: {6: 6}, source: "Noloc, Deel III, Ad A, criterium 3"}
"""

KINDS = """\
testing:
  evidence_kinds:
    - id: report
      label: {en: Report, nl: Rapport}
      fields:
        level: level
        language: {type: level, scale: cefr}
        digital: {type: level, scale: digcomp}
  requirements:
    - id: R
      evidence: report
"""


def rule(where: str, scales: str = BOC_NLQF) -> Framework:
    """The report kind above, with rule R's ``where`` (flow YAML) and ``scales``."""
    return framework(scales + KINDS + f"      where: {where}\n")


def check(fw: Framework, **fields: Any) -> Any:
    return outcome(fw, portfolio(evidence=[item("report", "r1", title="Report", **fields)]), "R")


def level(text: str, scales: Scales = SHIPPED, bound: str | None = None) -> Level:
    found = scales.parse(text, bound)
    assert found is not None, text
    return found


def with_boc_nlqf() -> Scales:
    return parse_framework(HEADER + BOC_NLQF, "fw.yaml").catalogues.scales


# --- reading levels ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("NLQF6", "NLQF6"),
        ("NLQF 6", "NLQF6"),
        ("nlqf6", "NLQF6"),
        ("EQF-7", "EQF7"),
        ("EstQF 7", "EstQF7"),
        ("EQF 06", "EQF6"),
        (" EQF6\t", "EQF6"),
        ("CEFR C1", "CEFR C1"),
        ("cefr c1", "CEFR C1"),
        ("CEFR-B2", "CEFR B2"),
        ("DigComp independent", "DigComp independent"),
        ("BOC6", "BOC6"),
        ("BOC 9", "BOC9"),
        ("XYZ7", "XYZ7"),  # a scale qualmark does not know: a name and up to two digits
        ("EQFX3", "EQFX3"),  # not the EQF: an X follows its name
        ("C1", "C1"),  # on a field bound to no scale, level 1 of a scale C qualmark does not know
    ],
)
def test_a_level_is_a_scale_name_and_a_level(text: str, read: str) -> None:
    assert str(level(text)) == read


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("EQF9", "EQF has levels 1 to 8, so there is no EQF9"),
        ("BOC12", "BOC has levels 1 to 9, so there is no BOC12"),
        ("CEFR C7", "CEFR has levels A1, A2, B1, B2, C1 and C2, so there is no CEFR C7"),
        (
            "DigComp expert",
            "DigComp has levels basic, independent and proficient, so there is no DigComp expert",
        ),
        ("level six", None),
        ("XYZ123", None),
    ],
)
def test_what_is_not_a_level(text: str, why: str | None) -> None:
    assert SHIPPED.parse(text) is None
    assert SHIPPED.off_scale(text) == why


@pytest.mark.parametrize(("text", "read"), [("C1", "CEFR C1"), ("c1", "CEFR C1"), ("CEFR C1", "CEFR C1")])
def test_on_a_bound_field_the_bare_level_reads(text: str, read: str) -> None:
    assert str(level(text, bound="cefr")) == read


@pytest.mark.parametrize("text", ["B3", "NLQF6", "EQF 6", "C 1", "CEFR"])
def test_on_a_bound_field_only_that_scales_levels_read(text: str) -> None:
    assert SHIPPED.parse(text, "cefr") is None
    assert SHIPPED.why_not(text, "cefr").endswith(
        "is not a level of CEFR: write A1, A2, B1, B2, C1 or C2 (or with the scale's name, like CEFR C2)"
    )


_PIECES = st.sampled_from(
    [
        *("EQF", "eqf", "NLQF", "EstQF", "BOC", "CEFR", "DigComp", "basic", "XYZ", "Eq", "A", "C", "Q", "F"),
        *("0", "1", "6", "06", "9", "12", "123", "A1", "c1", "C7", " ", "-", "\t", "\n", "６", "é"),
    ]
)
_TEXTS = st.lists(_PIECES, max_size=5).map("".join)


@settings(max_examples=400)
@given(text=_TEXTS, bound=st.sampled_from([None, "eqf", "cefr", "digcomp", "boc"]))
def test_the_schema_pattern_reads_what_the_parser_reads(text: str, bound: str | None) -> None:
    """The JSON Schema pattern of a level field and the parser agree on every text."""
    assert (re.search(SHIPPED.pattern(bound), text) is not None) == (SHIPPED.parse(text, bound) is not None)


@settings(max_examples=200)
@given(text=_TEXTS)
def test_the_pattern_agrees_with_a_frameworks_own_scales(text: str) -> None:
    scales = build_scales(
        [ScaleDef.model_validate({"id": "q", "name": "Q", "label": "Q", "levels": ["low", "A1", 3]})],
        SHIPPED,
        lambda *problem: pytest.fail(str(problem)),
    )
    for bound in (None, "q"):
        assert (re.search(scales.pattern(bound), text) is not None) == (scales.parse(text, bound) is not None)


# --- comparing -----------------------------------------------------------------------------------


@given(a=st.integers(1, 8), b=st.integers(1, 8), first=st.sampled_from(["NLQF", "EstQF", "EQF"]))
def test_through_a_one_to_one_referencing_levels_compare_as_their_numbers(a: int, b: int, first: str) -> None:
    """NLQF and EstQF are referenced one-to-one to the EQF; EstQF and NLQF through it."""
    for second in ("NLQF", "EstQF", "EQF"):
        assert SHIPPED.compare(level(f"{first}{a}"), level(f"{second}{b}")) == (a > b) - (a < b)


@pytest.mark.parametrize(
    ("found", "order"),
    [("BOC6", 0), ("BOC7", 1), ("BOC9", 1), ("BOC5", -1), ("BOC1", -1), ("NLQF7", 1), ("EQF5", -1)],
)
def test_a_declared_pair_decides_by_monotonicity(found: str, order: int) -> None:
    scales = with_boc_nlqf()
    assert scales.compare(level(found, scales), level("NLQF6", scales)) == order


def test_referencings_compose() -> None:
    scales = with_boc_nlqf()  # BOC → NLQF → EQF → EstQF
    assert scales.compare(level("BOC7", scales), level("EQF6", scales)) == 1
    assert scales.compare(level("BOC6", scales), level("EstQF6", scales)) == 0
    assert scales.compare(level("EstQF5", scales), level("BOC6", scales)) == -1


@pytest.mark.parametrize(
    ("a", "b"), [("BOC7", "NLQF7"), ("BOC5", "EQF4"), ("CEFR C1", "NLQF6"), ("XYZ6", "NLQF6")]
)
def test_what_no_anchor_decides_is_undecided(a: str, b: str) -> None:
    scales = with_boc_nlqf()
    assert scales.compare(level(a, scales), level(b, scales)) is None
    assert scales.compare(level(b, scales), level(a, scales)) is None


def test_without_the_frameworks_referencing_bocs_compare_only_with_itself() -> None:
    assert SHIPPED.compare(level("BOC7"), level("NLQF6")) is None
    assert SHIPPED.compare(level("BOC7"), level("BOC6")) == 1


@st.composite
def referenced(draw: st.DrawFn) -> Scales:
    """Two scales A (1–9) and B (1–8) with random pairs that keep both orders."""
    a = draw(st.lists(st.integers(1, 9), unique=True, max_size=4).map(sorted))
    b = draw(st.lists(st.integers(1, 8), unique=True, min_size=len(a), max_size=len(a)).map(sorted))
    definitions = [
        {"id": "a", "name": "AS", "label": "A", "levels": list(range(1, 10))},
        {"id": "b", "name": "BS", "label": "B", "levels": list(range(1, 9))},
    ]
    if a:
        definitions[0]["referencings"] = [
            {"to": "b", "pairs": dict(zip(map(str, a), b, strict=True)), "source": "test"}
        ]
    return build_scales(
        [ScaleDef.model_validate(d) for d in definitions], Scales({}), lambda *p: pytest.fail(str(p))
    )


@given(scales=referenced(), x=st.integers(1, 9), y=st.integers(1, 8), z=st.integers(1, 9))
def test_derived_comparisons_are_antisymmetric_and_transitive(scales: Scales, x: int, y: int, z: int) -> None:
    a, b, c = level(f"AS{x}", scales), level(f"BS{y}", scales), level(f"AS{z}", scales)
    ab, bc = scales.compare(a, b), scales.compare(b, c)
    assert ab == (None if ab is None else -(scales.compare(b, a) or 0))
    assert scales.compare(a, c) == (x > z) - (x < z)  # within a scale, always decided
    if ab is not None and bc is not None and ab == bc:
        assert scales.compare(a, c) == ab


# --- conditions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("found", "status"),
    [("BOC7", MET), ("BOC6", MET), ("NLQF6", MET), ("EQF7", MET), ("BOC5", NOT_MET), ("NLQF5", NOT_MET)],
)
def test_min_compares_through_the_referencing(found: str, status: Status) -> None:
    assert check(rule("{level: {min: NLQF6}}"), level=found).status is status


def test_a_level_that_cannot_be_compared_is_not_met_naming_the_comparable_scales() -> None:
    result = check(rule("{level: {min: NLQF6}}"), level="CEFR C1")
    assert result.status is NOT_MET
    assert en(result.found) == (
        "closest: 'Report', which fails level ≥ NLQF6 (found: CEFR C1; CEFR cannot be compared with NLQF; "
        "NLQF compares with EQF, EstQF, BOC)"
    )
    assert "CEFR is niet te vergelijken met NLQF; NLQF is te vergelijken met EQF, EstQF, BOC" in nl(
        result.found
    )
    assert en(result.fix) == "provide a document with: level ≥ NLQF6"


def test_a_level_no_anchor_decides_is_not_met_saying_so() -> None:
    result = check(rule("{level: {min: NLQF7}}"), level="BOC7")
    assert result.status is NOT_MET
    assert "no declared equivalence decides how BOC7 compares with NLQF7" in en(result.found)


@pytest.mark.parametrize(
    ("found", "status"), [("BOC6", MET), ("NLQF6", MET), ("BOC7", NOT_MET), ("BOC5", NOT_MET)]
)
def test_equality_through_the_referencing(found: str, status: Status) -> None:
    assert check(rule("{level: NLQF6}"), level=found).status is status


def test_in_through_the_referencing() -> None:
    fw = rule("{level: {in: [NLQF6, EQF8]}}")
    assert check(fw, level="BOC6").status is MET
    assert check(fw, level="NLQF8").status is MET
    assert check(fw, level="BOC9").status is NOT_MET


@pytest.mark.parametrize(("found", "status"), [("C1", MET), ("c2", MET), ("CEFR C1", MET), ("B2", NOT_MET)])
def test_a_bound_field_compares_on_its_scale(found: str, status: Status) -> None:
    assert check(rule("{language: {min: C1}}"), language=found).status is status


def test_a_number_is_a_level_of_a_numbered_bound_scale() -> None:
    kinds = KINDS.replace("digital: {type: level, scale: digcomp}", "digital: {type: level, scale: boc}")
    fw = framework(BOC_NLQF + kinds + "      where: {digital: {min: 6}}\n")
    assert [check(fw, digital=d).status for d in ("5", "BOC6", "7")] == [NOT_MET, MET, MET]


def test_a_digcomp_minimum() -> None:
    fw = rule("{digital: {min: independent}}")
    assert [check(fw, digital=d).status for d in ("basic", "independent", "Proficient")] == [
        NOT_MET,
        MET,
        MET,
    ]


# --- the portfolio --------------------------------------------------------------------------------


def test_a_bound_fields_schema_lists_its_levels() -> None:
    schema = rule("{language: {min: C1}}").portfolio_schema()
    report = next(b["then"] for b in schema["properties"]["evidence"]["items"]["allOf"])
    language = report["properties"]["language"]
    assert language["examples"][:6] == ["A1", "A2", "B1", "B2", "C1", "C2"]
    validator = Draft202012Validator(language)
    assert [v for v in ["C1", "cefr b2", " C2 ", "CEFR-A1"] if not validator.is_valid(v)] == []
    assert [v for v in ["B3", "NLQF6", "C1x", "C1\n"] if validator.is_valid(v)] == []


def test_a_wrong_level_on_a_bound_field_is_refused_with_a_pointer() -> None:
    fw = rule("{language: {min: C1}}")
    data = portfolio(evidence=[item("report", "r1", language="B3", level="BOC12")])
    with pytest.raises(PortfolioError) as caught:
        fw.check_portfolio(parse_portfolio(json.dumps(data), "p.json"))
    problems = {p.pointer: p.message for p in caught.value.problems}
    assert problems == {
        "/evidence/0/language": "'B3' is not a level of CEFR: write A1, A2, B1, B2, C1 or C2 "
        "(or with the scale's name, like CEFR C2)",
        "/evidence/0/level": "'BOC12' is not a level: BOC has levels 1 to 9, so there is no BOC12",
    }


def test_a_frameworks_own_scale_reads_in_its_portfolios() -> None:
    scales = "scales:\n  - {id: band, name: Band, label: Band, levels: [low, mid, high]}\n"
    fw = rule("{level: {min: Band mid}}", scales)
    assert check(fw, level="band high").status is MET
    assert check(fw, level="Band low").status is NOT_MET


# --- compile-time errors, at file:line:col -------------------------------------------------------


def problems(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(HEADER + text, "fw.yaml")
    found = []
    for problem in caught.value.problems:
        assert problem.span is not None and problem.span.file == "fw.yaml", problem
        found.append((problem.span.line, problem.span.column, problem.message))
    return found


def at(text: str, needle: str) -> tuple[int, int]:
    """Line and column (from 1) of ``needle`` in the file ``HEADER + text``."""
    whole = HEADER + text
    start = whole.index(needle, len(HEADER))
    return whole.count("\n", 0, start) + 1, start - (whole.rfind("\n", 0, start) + 1) + 1


@pytest.mark.parametrize(
    ("where", "needle", "message"),
    [
        (
            "{language: {min: C7}}",
            "{min: C7}",
            "'language': 'C7' is not a level of CEFR: write A1, A2, B1, B2, C1 or C2 (or with the scale's name, like CEFR C2)",
        ),
        (
            "{language: {min: NLQF6}}",
            "{min: NLQF6}",
            "'language': 'NLQF6' is not a level of CEFR: write A1, A2, B1, B2, C1 or C2 (or with the scale's name, like CEFR C2)",
        ),
        ("{level: {min: BOC12}}", "{min: BOC12}", "'level': BOC has levels 1 to 9, so there is no BOC12"),
        (
            "{level: {min: BOC7, max: NLQF6}}",
            "{min: BOC7",
            "'level': min BOC7 is above max NLQF6, so it can never hold",
        ),
        (
            "{level: {min: BOC7, max: EQF7}}",
            "{min: BOC7",
            "'level': no declared equivalence relates min BOC7 and max EQF7, so no level is known to meet both",
        ),
        (
            "{level: {min: CEFR B1, max: EQF7}}",
            "{min: CEFR",
            "'level': min CEFR B1 and max EQF7 are levels of different frameworks, so no level meets both",
        ),
    ],
    ids=["off-the-bound-scale", "another-scale-on-a-bound-field", "boc12", "above", "undecided", "unrelated"],
)
def test_a_condition_is_checked_against_the_scales(where: str, needle: str, message: str) -> None:
    text = BOC_NLQF + KINDS + f"      where: {where}\n"
    assert problems(text) == [(*at(text, needle), message)]


@pytest.mark.parametrize(
    ("scales", "needle", "message"),
    [
        (
            "  - {id: cefr, levels: [A1, A2, B1, B2, C1]}\n",
            "[A1",
            "scale 'cefr' ships with qualmark with levels A1, A2, B1, B2, C1 and C2; a framework cannot change them",
        ),
        (
            "  - {id: eqf, name: EKR}\n",
            "EKR",
            "scale 'eqf' ships with qualmark as EQF; a framework cannot rename it",
        ),
        (
            "  - {id: boc, referencings: [{to: nlqf, pairs: {6: 6, 7: 5}, source: s}]}\n",
            "5}",
            "the equivalence BOC7 ≙ NLQF5 contradicts the order of the levels: with it, BOC6 and BOC7 would be the same level",
        ),
        (
            "  - {id: nlqf, referencings: [{to: eqf, pairs: {6: 7}, source: s}]}\n",
            "7}",
            "the equivalence NLQF6 ≙ EQF7 contradicts the order of the levels: with it, EQF6 and EQF7 would be the same level",
        ),
        (
            "  - {id: boc, referencings: [{to: nlfq, pairs: {6: 6}, source: s}]}\n",
            "nlfq",
            "unknown scale 'nlfq'",
        ),
        (
            "  - {id: boc, referencings: [{to: nlqf, pairs: {6: 10}, source: s}]}\n",
            "10}",
            "'10' is not a level of NLQF (levels 1 to 8)",
        ),
        (
            "  - {id: band, name: Band, levels: [low, high]}\n",
            "{id: band",
            "the new scale 'band' needs label",
        ),
        (
            "  - {id: taal, name: cefr, label: T, levels: [a, b]}\n",
            "cefr,",
            "the name 'cefr' is already the name of scale 'cefr'",
        ),
        (
            "  - {id: band, name: Band, label: B, levels: [low, LOW]}\n",
            "LOW",
            "the level 'LOW' is listed twice (first as level 1)",
        ),
        (
            "  - {id: band, name: Band, label: B, levels: [a]}\n  - {id: band, name: Bond, label: B, levels: [a]}\n",
            "band, name: Bond",
            "scale id 'band' is used twice",
        ),
    ],
    ids=[
        "shipped-levels",
        "shipped-name",
        "contradiction",
        "against-shipped",
        "unknown-to",
        "pair-off-scale",
        "no-label",
        "name-clash",
        "level-twice",
        "id-twice",
    ],
)
def test_a_scale_declaration_that_cannot_hold_is_refused(scales: str, needle: str, message: str) -> None:
    text = "scales:\n" + scales
    assert problems(text) == [(*at(text, needle), message)]


def test_scale_on_a_field_names_a_known_scale_of_a_level_field() -> None:
    text = (
        "testing:\n  evidence_kinds:\n    - id: report\n      label: Report\n      fields:\n"
        "        language: {type: level, scale: cerf}\n        note2: {type: text, scale: cefr}\n"
    )
    found = problems(text)
    assert found[0][:2] == at(text, "cerf}") and found[0][2] == "unknown scale 'cerf'"
    assert found[1][2] == "'scale' only applies to level fields"


def test_a_profile_level_reference_is_checked_on_the_known_scales() -> None:
    text = "profile:\n  tasks:\n    - {id: t, label: T, level: {framework: BOC, level: 12}}\n"
    assert problems(text) == [(*at(text, "12}"), "BOC has levels 1 to 9, so there is no BOC12")]


def test_a_shipped_scale_may_be_named_again_as_shipped() -> None:
    text = "scales:\n  - {id: cefr, name: CEFR, label: Languages, levels: [A1, A2, B1, B2, C1, C2]}\n"
    assert parse_framework(HEADER + text, "fw.yaml").catalogues.scales.scales["cefr"].name == "CEFR"


def test_the_shipped_scales_are_consistent() -> None:
    assert SHIPPED.contradictions() == []
    assert set(SHIPPED.scales) == {"eqf", "nlqf", "estqf", "cefr", "digcomp", "boc"}
    assert SHIPPED.comparable_with(level("CEFR C1")) == []
    assert sorted(SHIPPED.comparable_with(level("EQF1"))) == ["EstQF", "NLQF"]
