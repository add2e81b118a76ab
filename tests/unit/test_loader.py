"""The loader: plain YAML/JSON into data, with the position of every node.

Expected positions are read off the inputs (lines and columns count from 1).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from qualmark import LoadError, Problem, loader, parse_framework
from qualmark.jsonfile import load_json, parse_json
from qualmark.loader import load_yaml, parse_yaml
from qualmark.source import Span
from tests.conftest import FRAMEWORKS
from tests.readings import exact
from tests.unit.test_compiler import HEADER


def problems(text: str, file: str = "f.yaml") -> list[tuple[int, int, str]]:
    """The (line, column, message) of every problem the YAML loader reports for ``text``."""
    with pytest.raises(LoadError) as caught:
        parse_yaml(text, file)
    return [(p.span.line, p.span.column, p.message) for p in caught.value.problems if p.span]


# --- positions --------------------------------------------------------------------------------

NESTED = """\
title: Demo
profile:
  tasks: [intake, advice]
  knowledge:
    - id: theory
      label: {en: Theory}
"""


def test_every_value_has_its_position() -> None:
    data, smap = parse_yaml(NESTED, "demo.yaml")
    assert data == {
        "title": "Demo",
        "profile": {
            "tasks": ["intake", "advice"],
            "knowledge": [{"id": "theory", "label": {"en": "Theory"}}],
        },
    }
    assert smap.file == "demo.yaml"
    assert smap.values[()] == Span("demo.yaml", 1, 1)
    assert smap.values[("title",)] == Span("demo.yaml", 1, 8)
    assert smap.values[("profile",)] == Span("demo.yaml", 3, 3)  # the mapping starts at `tasks`
    assert smap.values[("profile", "tasks")] == Span("demo.yaml", 3, 10)
    assert smap.values[("profile", "tasks", 0)] == Span("demo.yaml", 3, 11)
    assert smap.values[("profile", "tasks", 1)] == Span("demo.yaml", 3, 19)
    assert smap.values[("profile", "knowledge", 0)] == Span("demo.yaml", 5, 7)
    assert smap.values[("profile", "knowledge", 0, "label", "en")] == Span("demo.yaml", 6, 19)


def test_keys_have_their_own_position() -> None:
    _, smap = parse_yaml(NESTED, "demo.yaml")
    assert smap.keys[("profile",)] == Span("demo.yaml", 2, 1)
    assert smap.keys[("profile", "knowledge")] == Span("demo.yaml", 4, 3)
    assert smap.keys[("profile", "knowledge", 0, "label")] == Span("demo.yaml", 6, 7)
    assert smap.span(("profile", "knowledge", 0, "label"), key=True) == Span("demo.yaml", 6, 7)
    assert smap.span(("profile", "knowledge", 0, "label")) == Span("demo.yaml", 6, 14)


def test_a_path_that_was_not_written_falls_back_to_its_nearest_ancestor() -> None:
    _, smap = parse_yaml(NESTED, "demo.yaml")
    assert smap.span(("profile", "tasks", 7)) == Span("demo.yaml", 3, 10)
    assert smap.span(("profile", "missing", "deeper")) == Span("demo.yaml", 3, 3)
    assert smap.span(("nowhere",)) == Span("demo.yaml", 1, 1)
    # An index has no key position: asking for one gives the value's.
    assert smap.span(("profile", "tasks", 1), key=True) == Span("demo.yaml", 3, 19)


def test_span_prints_as_file_line_column() -> None:
    assert str(Span("frameworks/x.yaml", 12, 5)) == "frameworks/x.yaml:12:5"


# --- duplicate keys ---------------------------------------------------------------------------


def test_a_duplicate_key_names_both_lines() -> None:
    text = "id: a\ntitle: T\nid: b\n"
    assert problems(text) == [(3, 1, "duplicate key 'id' (first at line 1)")]


def test_a_question_mark_in_a_flow_mapping_reads_as_yaml_says() -> None:
    # YAML lets a plain scalar in a flow collection hold '?'; libyaml reads it, PyYAML's own
    # scanner (the reference loader, which reports problems) would end the scalar there
    text = "tasks:\n  - {id: t2, question: Why?}\n"
    assert parse_yaml(text, "f.yaml")[0] == {"tasks": [{"id": "t2", "question": "Why?"}]}
    with_duplicate = "id: a\nid: b\n" + text
    assert problems(with_duplicate) == [(2, 1, "duplicate key 'id' (first at line 1)")]


def test_every_duplicate_of_a_file_is_reported_together_in_file_order() -> None:
    text = """\
id: a
profile:
  tasks:
    - id: t1
      label: One
      id: t2
testing:
  evidence_kinds: []
  evidence_kinds: []
id: c
"""
    assert problems(text) == [
        (6, 7, "duplicate key 'id' (first at line 4)"),
        (9, 3, "duplicate key 'evidence_kinds' (first at line 8)"),
        (10, 1, "duplicate key 'id' (first at line 1)"),
    ]


def test_the_same_key_in_different_mappings_is_no_duplicate() -> None:
    data, _ = parse_yaml("a: {id: 1}\nb: {id: 2}\n", "f.yaml")
    assert data == {"a": {"id": 1}, "b": {"id": 2}}


def test_a_duplicate_key_is_reported_with_what_the_rest_of_the_framework_lacks() -> None:
    with pytest.raises(LoadError) as caught:
        parse_framework("qualmark: 1\nid: a\nid: b\n", "fw.yaml")
    problems = caught.value.problems
    assert [(str(p.span), p.message) for p in problems if "duplicate" in p.message] == [
        ("fw.yaml:3:1", "duplicate key 'id' (first at line 2)")
    ]
    # the first `id` is kept; the missing keys are the file's own problems, found in the same run
    assert {p.message for p in problems} >= {"missing required key 'title'", "missing required key 'uri'"}
    assert not any("'id'" in p.message and "missing" in p.message for p in problems)


def test_a_value_the_reader_refused_is_not_reported_again_by_the_shape_check() -> None:
    text = HEADER.replace('version: "1"', "version: !!binary aGk=")
    with pytest.raises(LoadError) as caught:
        parse_framework(text, "fw.yaml")
    assert [(p.span.line if p.span else 0, p.message.split(":")[0]) for p in caught.value.problems] == [
        (4, "invalid YAML")
    ]


# --- tags, anchors and merge keys -------------------------------------------------------------


@pytest.mark.parametrize(
    "form",
    [
        'a: !!python/object/apply:os.system "touch {marker}"',
        'a: !!python/object/apply:os.system ["touch {marker}"]',
        'a: !!python/object/apply:os.system {{args: ["touch {marker}"]}}',
        '!!python/object/apply:os.system ["touch {marker}"]',
        'a: !!python/object/new:subprocess.check_call [["touch", "{marker}"]]',
        "a: !!python/name:os.system",
        "a: !include {marker}",
    ],
    ids=["scalar", "sequence", "mapping", "root", "new", "name", "custom"],
)
def test_tags_are_refused_and_never_executed(form: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = form.format(marker=marker) + "\n"
    with pytest.raises(LoadError) as caught:
        parse_yaml(text, "f.yaml")
    assert not marker.exists()
    (problem,) = caught.value.problems
    assert "tags are not allowed" in problem.message
    assert problem.span is not None and problem.span.line == 1
    assert problem.hint is not None


def test_a_framework_with_a_tag_is_refused_with_its_position(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = HEADER.replace("id: demo", f'id: !!python/object/apply:os.system "touch {marker}"')
    with pytest.raises(LoadError) as caught:
        parse_framework(text, "fw.yaml")
    assert not marker.exists()
    assert str(caught.value).startswith("fw.yaml:2:5: invalid YAML: YAML tags are not allowed")
    assert len(caught.value.problems) == 1  # not also "expected an id, found nothing"


def test_anchors_and_aliases_are_plain_yaml() -> None:
    data, _ = parse_yaml("a: &hours 1200\nb: *hours\n", "f.yaml")
    assert data == {"a": 1200, "b": 1200}


def test_merge_keys_are_refused() -> None:
    text = "base: &b {x: 1}\nrule:\n  <<: *b\n  y: 2\n"
    assert problems(text) == [(3, 3, "merge keys ('<<') are not supported")]


def test_a_mapping_as_key_is_refused() -> None:
    assert problems("? [a, b]\n: 1\n") == [(1, 3, "a mapping key must be plain text")]


# --- keys are text ----------------------------------------------------------------------------


def test_mapping_keys_are_always_text() -> None:
    text = "no: Norsk\nyes: 1\non: 2\n1: one\n2.5: x\nnull: 3\n~: 4\n2024-01-01: day\ntrue: 5\n"
    data, smap = parse_yaml(text, "f.yaml")
    assert list(data) == ["no", "yes", "on", "1", "2.5", "null", "~", "2024-01-01", "true"]
    assert data["no"] == "Norsk"
    assert data["1"] == "one"
    assert smap.keys[("no",)] == Span("f.yaml", 1, 1)
    assert smap.keys[("1",)] == Span("f.yaml", 4, 1)


def test_values_keep_their_yaml_types() -> None:
    data, _ = parse_yaml("a: 1\nb: 1.5\nc: true\nd: ~\ne: '1'\nf: 2024-02-29\n", "f.yaml")
    assert data["a"] == 1 and data["b"] == 1.5 and data["c"] is True and data["d"] is None
    assert data["e"] == "1"
    assert str(data["f"]) == "2024-02-29"


def test_a_norwegian_text_keeps_its_language_code() -> None:
    text = "languages: [no, en]\ntitle: {no: Karriereveileder, en: Career guide}\n"
    data, _ = parse_yaml(text, "f.yaml")
    assert data["title"] == {"no": "Karriereveileder", "en": "Career guide"}


def test_two_keys_that_read_as_the_same_text_are_duplicates() -> None:
    assert problems("1: a\n'1': b\n") == [(2, 1, "duplicate key '1' (first at line 1)")]


# --- syntax errors, empty, unreadable files ---------------------------------------------------


def test_a_syntax_error_carries_file_line_and_column() -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml("id: demo\ntitle: @home\n", "fw.yaml")
    (problem,) = caught.value.problems
    assert problem.span == Span("fw.yaml", 2, 8)
    assert problem.message.startswith("invalid YAML: ")
    assert str(caught.value).startswith("fw.yaml:2:8: invalid YAML")


def test_a_tab_used_for_indentation_is_a_syntax_error_on_its_line() -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml("profile:\n\ttasks: []\n", "fw.yaml")
    (problem,) = caught.value.problems
    assert problem.span == Span("fw.yaml", 2, 1)
    assert problem.hint == "indent with spaces, not tabs"


def test_an_unclosed_flow_list_is_reported() -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml("a: [1, 2\nb: 3\n", "fw.yaml")
    (problem,) = caught.value.problems
    assert problem.message.startswith("invalid YAML")
    assert problem.span is not None and problem.span.file == "fw.yaml"


def test_two_documents_in_one_file_are_refused() -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml("a: 1\n---\nb: 2\n", "fw.yaml")
    (problem,) = caught.value.problems
    assert problem.span == Span("fw.yaml", 2, 1)


@pytest.mark.parametrize(
    "text", ["", "\n\n", "# only a comment\n", "---\n", "--- ~\n", "null\n", "~\n", "---\n...\n", "!!null\n"]
)
def test_an_empty_file_is_an_error(text: str) -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml(text, "empty.yaml")
    (problem,) = caught.value.problems
    assert problem.message == "the file is empty"
    assert problem.span == Span("empty.yaml", 1, 1)


def test_a_file_that_is_not_utf8_is_refused_naming_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: café\n".encode("latin-1"))  # 'é' is byte 10
    with pytest.raises(LoadError) as caught:
        load_yaml(path)
    (problem,) = caught.value.problems
    assert problem.message == "not UTF-8 text: byte 10 (0xE9) is not part of any character"
    assert problem.span == Span(str(path), 1, 11)  # the column an editor shows
    assert problem.hint == "save the file as UTF-8"


def test_a_missing_file_is_reported_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(LoadError) as caught:
        load_yaml(path)
    (problem,) = caught.value.problems
    assert (problem.where, problem.message, problem.hint) == (str(path), "no such file", "check the path")


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        load_yaml(tmp_path)
    assert "is a folder" in caught.value.problems[0].message


def test_load_yaml_names_the_file_in_every_span(tmp_path: Path) -> None:
    path = tmp_path / "fw.yaml"
    path.write_text("a:\n  b: 1\n", encoding="utf-8")
    data, smap = load_yaml(path)
    assert data == {"a": {"b": 1}}
    assert smap.values[("a", "b")] == Span(str(path), 2, 6)


# --- JSON -------------------------------------------------------------------------------------


def test_json_is_read_as_plain_data() -> None:
    assert parse_json('{"a": [1, 2.5, true, null, "x"]}', "p.json") == {"a": [1, 2.5, True, None, "x"]}


@pytest.mark.parametrize(
    "text",
    ['{"a": 1, "a": 2}', '{"evidence": [{"id": "e1", "kind": "diploma", "kind": "course"}]}'],
    ids=["top", "nested"],
)
def test_json_duplicate_keys_are_refused(text: str) -> None:
    with pytest.raises(LoadError) as caught:
        parse_json(text, "p.json")
    (problem,) = caught.value.problems
    assert problem.message.startswith("invalid JSON: duplicate key")
    assert problem.span is not None and problem.span.file == "p.json"


def test_a_json_syntax_error_carries_file_line_and_column() -> None:
    text = '{\n  "a": 1,\n  "b": 2,\n}\n'  # trailing comma: named, at the comma itself (line 3)
    with pytest.raises(LoadError) as caught:
        parse_json(text, "p.json")
    (problem,) = caught.value.problems
    assert problem.span == Span("p.json", 3, 9)
    assert problem.message == "invalid JSON: a comma before '}' (a trailing comma)"
    assert str(caught.value).startswith("p.json:3:9: invalid JSON")


def test_a_json_error_on_the_first_line_points_at_the_column() -> None:
    with pytest.raises(LoadError) as caught:
        parse_json('{"a": tru}', "p.json")
    assert caught.value.problems[0].span == Span("p.json", 1, 7)


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_json_non_standard_numbers_are_refused(token: str) -> None:
    # RFC 8259 has no NaN or Infinity; accepting them lets "hours": Infinity meet any minimum.
    with pytest.raises(LoadError) as caught:
        parse_json(f'{{"hours": {token}}}', "p.json")
    assert caught.value.problems[0].message.startswith("invalid JSON")


@pytest.mark.parametrize("text", ["", "  \n\t\n", "\ufeff", "\ufeff\n"])
def test_an_empty_json_file_is_reported_as_empty(text: str) -> None:
    with pytest.raises(LoadError) as caught:
        parse_json(text, "p.json")
    (problem,) = caught.value.problems
    assert problem.message == "the file is empty"
    assert problem.span == Span("p.json", 1, 1)


def test_load_json_reports_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        load_json(tmp_path / "nope.json")
    path = tmp_path / "p.json"
    path.write_bytes(b'{"name": "Bj\xf6rn"}')
    with pytest.raises(LoadError, match=r"p.json:1:13: not UTF-8 text: byte 12 \(0xF6\)"):
        load_json(path)


# --- round trip -------------------------------------------------------------------------------

_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
_keys = st.text(max_size=8) | st.integers(min_value=-1000, max_value=1000)


def _unique_text_keys(d: dict[Any, Any]) -> bool:
    return len({str(k) for k in d}) == len(d)


_plain = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4).filter(_unique_text_keys)
    ),
    max_leaves=20,
)


def _as_loaded(value: Any) -> Any:
    """What the loader should give back: the same data with every key as text."""
    if isinstance(value, dict):
        return {str(k): _as_loaded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_loaded(v) for v in value]
    return value


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*path, i))
    return found


@settings(max_examples=150, deadline=None)
@given(_plain.filter(lambda value: value is not None))  # a document that is only `null` is an empty file
def test_round_trip_of_plain_data_with_a_span_for_every_path(value: Any) -> None:
    text = yaml.safe_dump(value)
    data, smap = parse_yaml(text, "rt.yaml")
    expected = _as_loaded(value)
    assert data == expected
    lines = text.splitlines() or [""]
    for path in _paths(expected):
        span = smap.values[path]
        assert span.file == "rt.yaml"
        assert 1 <= span.line <= len(lines)
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1
        if path and isinstance(path[-1], str):
            key_span = smap.keys[path]
            assert (key_span.line, key_span.column) <= (span.line, span.column)


# --- bad input never escapes as a traceback ---------------------------------------------------
#
# Each case below once ended in a Python exception (ReaderError, ValueError, RecursionError, …)
# or was read silently; now it is a LoadError pointing at the place to fix.


def problem_of(text: str, file: str = "f.yaml") -> Problem:
    """The one problem the YAML loader reports for ``text``."""
    with pytest.raises(LoadError) as caught:
        parse_yaml(text, file)
    (problem,) = caught.value.problems
    return problem


def json_problems(text: str) -> list[tuple[int, int, str]]:
    """The (line, column, message) of every problem the JSON loader reports for ``text``."""
    with pytest.raises(LoadError) as caught:
        parse_json(text, "p.json")
    return [(p.span.line, p.span.column, p.message) for p in caught.value.problems if p.span]


@pytest.mark.parametrize(
    ("text", "line", "column", "code"),
    [
        ("a\x07b: 1\n", 1, 2, "U+0007"),
        ("a: 1\nb: x\x00\n", 2, 5, "U+0000"),
        ("a: [1,\n  2\x1b]\n", 2, 4, "U+001B"),
        ("\ufeffa: x\x07\n", 1, 5, "U+0007"),  # as an editor shows it: the BOM is invisible
    ],
    ids=["bell-in-key", "nul-in-value", "escape-in-list", "after-a-bom"],
)
def test_a_control_character_is_reported_where_it_is(text: str, line: int, column: int, code: str) -> None:
    problem = problem_of(text)
    assert problem.span == Span("f.yaml", line, column)
    assert problem.message.startswith("invalid YAML: ")
    assert code in problem.message
    assert problem.hint is not None and "delete it" in problem.hint


def test_a_control_character_in_a_framework_is_a_load_error() -> None:
    with pytest.raises(LoadError) as caught:
        parse_framework("qualmark: 1\nid: de\x00mo\n", "fw.yaml")
    assert str(caught.value).startswith("fw.yaml:2:7: invalid YAML: ")


@pytest.mark.parametrize(
    ("text", "column", "value"),
    [
        ("valid_from: 2021-02-29\n", 13, "2021-02-29"),  # 2021 is no leap year
        ("valid_from: 2020-13-01\n", 13, "2020-13-01"),
        ("valid_from: 2021-04-31\n", 13, "2021-04-31"),
        ("dates: [2020-01-01, 2020-02-30]\n", 21, "2020-02-30"),
    ],
)
def test_an_impossible_date_is_reported_at_the_value(text: str, column: int, value: str) -> None:
    problem = problem_of(text)
    assert problem.message == f"'{value}' is not a valid date"
    assert problem.span == Span("f.yaml", 1, column)
    assert problem.hint == "write a real date, YYYY-MM-DD, or put it in quotes"


def test_a_real_leap_day_and_a_quoted_impossible_date_are_fine() -> None:
    data, _ = parse_yaml("a: 2024-02-29\nb: '2021-02-29'\n", "f.yaml")
    assert data == {"a": dt.date(2024, 2, 29), "b": "2021-02-29"}


def test_an_integer_with_too_many_digits_is_reported_at_the_value() -> None:
    problem = problem_of("hours: " + "1" * 5000 + "\n")
    assert problem.message == "number has too many digits"
    assert problem.span == Span("f.yaml", 1, 8)


def test_a_value_yaml_cannot_read_is_reported_at_the_value() -> None:
    # A plain '=' is YAML 1.1's "value" type, which SafeLoader cannot construct.
    problem = problem_of("a: 1\nb: =\n")
    assert problem.message == "cannot read this value: '='"
    assert problem.span == Span("f.yaml", 2, 4)


def test_an_impossible_date_in_a_framework_is_a_load_error_with_its_position() -> None:
    with pytest.raises(LoadError) as caught:
        parse_framework(HEADER + "valid_from: 2021-02-29\n", "fw.yaml")
    assert str(caught.value) == (
        "fw.yaml:9:13: '2021-02-29' is not a valid date — write a real date, YYYY-MM-DD, or put it in quotes"
    )


def test_value_problems_are_reported_together_with_duplicate_keys_and_once_through_aliases() -> None:
    text = "a: &bad 2021-02-29\nb: *bad\nc: [*bad, *bad]\na: 1\n"
    assert problems(text) == [
        (1, 4, "'2021-02-29' is not a valid date"),  # a value starts at its anchor (or tag)
        (4, 1, "duplicate key 'a' (first at line 1)"),
    ]


# --- tags -------------------------------------------------------------------------------------

TAG_REFUSED = "invalid YAML: YAML tags are not allowed here"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!str 123", "!!str"),  # would turn the number 123 into text
        ("!!str", "!!str"),  # would turn null into ""
        ("!!binary aGVsbG8=", "!!binary"),  # would give bytes
        ("!!timestamp '2020-01-01'", "!!timestamp"),  # would turn text into a date
        ("!!timestamp yesterday", "!!timestamp"),
        ("!!bool 1", "!!bool"),
        ("!!int abc", "!!int"),
        ("!!int '12'", "!!int"),
        ("!!float abc", "!!float"),
        ("!!float 1", "!!float"),
        ("!!null foo", "!!null"),
        ("!<tag:yaml.org,2002:int> '12'", "!!int"),
        ("!<tag:example.com,2026:thing> x", "tag:example.com,2026:thing"),
        ("!local x", "!local"),
        ("!!int |\n  123\n", "!!int"),  # a block scalar is always text
    ],
)
def test_a_tag_that_changes_a_value_is_refused_at_the_tag(value: str, shown: str) -> None:
    problem = problem_of(f"title: Demo\nhours: {value}\n")
    assert problem.message == f"{TAG_REFUSED}: {shown}"
    assert problem.span == Span("f.yaml", 2, 8)
    assert problem.hint is not None


RESTATING_TAGS = ["!!str abc", "!!str 'x'", "!!int 3", "!!float 1.5", "!!bool true", "!!null ~"]
RESTATING_TAGS += ["!!timestamp 2020-01-01", "!!str |\n  123\n", "!!map {a: 1}", "!!seq [1, 2]", "! 12"]


@pytest.mark.parametrize("value", RESTATING_TAGS)
def test_a_tag_that_restates_what_yaml_infers_is_harmless(value: str) -> None:
    tagged, _ = parse_yaml(f"v: {value}\n", "f.yaml")
    plain, _ = parse_yaml(f"v: {value.split(' ', 1)[1]}\n", "f.yaml")
    assert tagged == plain


_SCALAR_TEXTS = ["1", "-2", "1.5", "abc", "true", "yes", "~", "null", "", "2024-01-01", "0x1F", "'7'", '"x"']
_TAGS = ["str", "int", "float", "bool", "null", "timestamp", "binary", "python/str"]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(_SCALAR_TEXTS), st.sampled_from(_TAGS))
def test_a_tag_never_changes_a_value_it_is_either_refused_or_without_effect(text: str, tag: str) -> None:
    plain, _ = parse_yaml(f"v: {text}\n", "f.yaml")
    try:
        tagged, _ = parse_yaml(f"v: !!{tag} {text}\n", "f.yaml")
    except LoadError as caught:
        (problem,) = caught.problems
        assert problem.message == f"{TAG_REFUSED}: !!{tag}"
        assert problem.span == Span("f.yaml", 1, 4)
    else:
        assert tagged == plain
        assert type(tagged["v"]) is type(plain["v"])


@pytest.mark.parametrize(
    ("text", "line", "column", "shown"),
    [
        ('!!python/object:os.system version: "1"\n', 1, 1, "!!python/object:os.system"),
        ("a: 1\n!!str 2: two\n", 2, 1, "!!str"),
        ("rule:\n  !!binary aWQ=: x\n", 2, 3, "!!binary"),
        ("{!custom id: x}\n", 1, 2, "!custom"),
    ],
)
def test_a_tag_on_a_mapping_key_is_refused_too(text: str, line: int, column: int, shown: str) -> None:
    problem = problem_of(text)
    assert problem.message == f"{TAG_REFUSED}: {shown}"
    assert problem.span == Span("f.yaml", line, column)


@pytest.mark.parametrize("value", ["!!set {a, b}", "!!omap [{a: 1}]", "!!pairs [{a: 1}]", "!thing {a: 1}"])
def test_a_list_or_mapping_with_another_tag_than_its_own_is_refused(value: str) -> None:
    problem = problem_of(f"v: {value}\n")
    assert problem.message.startswith(f"{TAG_REFUSED}: ")
    assert problem.span == Span("f.yaml", 1, 4)


def test_every_refused_tag_of_a_file_is_reported_together() -> None:
    text = "a: !!str 1\nb: ok\nc: [!!binary aGk=, 2]\n!!str 4: d\n!!int 5: e\n"  # `5` is an int anyway
    assert problems(text) == [
        (1, 4, f"{TAG_REFUSED}: !!str"),
        (3, 5, f"{TAG_REFUSED}: !!binary"),
        (4, 1, f"{TAG_REFUSED}: !!str"),
    ]


# --- aliases and nesting ----------------------------------------------------------------------


def billion_laughs(levels: int) -> str:
    """`a0` is a list of ten words, every further level a list of ten aliases to the one before."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * 10) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_quickly_at_the_first_value_that_grows_too_large() -> None:
    start = time.perf_counter()
    problem = problem_of(billion_laughs(9))
    assert time.perf_counter() - start < 0.5
    # a_k stands for 1 + 10 + … + 10^(k+1) values: a3 for 11,111, a4 for 111,111 > MAX_VALUES.
    assert loader.MAX_VALUES == 100_000
    assert problem.message == "the document expands to more than 100,000 values (through aliases?)"
    assert problem.span == Span("f.yaml", 5, 5)  # the list of a4
    assert problem.hint is not None


def test_a_document_that_expands_to_exactly_max_values_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_VALUES", 12)
    # the mapping, a's list and its two words, b's list and its two items that repeat a: 1+3+1+2*3 = 11
    data, _ = parse_yaml("a: &a [x, y]\nb: [*a, *a]\n", "f.yaml")
    assert data == {"a": ["x", "y"], "b": [["x", "y"], ["x", "y"]]}
    data, _ = parse_yaml("a: &a [x, y]\nb: [*a, *a]\nc: 1\n", "f.yaml")  # exactly 12
    assert data["c"] == 1
    problem = problem_of("a: &a [x, y]\nb: [*a, *a]\nc: 1\nd: 2\n")  # 13
    assert problem.message == "the document expands to more than 12 values (through aliases?)"
    assert problem.span == Span("f.yaml", 1, 1)  # only the whole document is too large


def test_reused_anchors_keep_working_with_the_position_of_the_anchor() -> None:
    text = "base: &b {hours: 98, signed: true}\nrules:\n  - where: *b\n  - where: *b\n"
    data, smap = parse_yaml(text, "f.yaml")
    assert data["rules"] == [{"where": {"hours": 98, "signed": True}}] * 2
    assert smap.values[("rules", 1, "where", "hours")] == Span("f.yaml", 1, 18)


def test_the_shipped_noloc_framework_shares_its_anchors_between_rules() -> None:
    data, _ = load_yaml(FRAMEWORKS / "noloc-register-loopbaanprofessional.yaml")
    found: dict[str, dict[str, Any]] = {}

    def collect(value: Any) -> None:
        if isinstance(value, dict):
            if value.get("id") in ("A2-cursussen", "A3-cursussen"):
                found[value["id"]] = value
            for child in value.values():
                collect(child)
        elif isinstance(value, list):
            for child in value:
                collect(child)

    collect(data)
    a2, a3 = found["A2-cursussen"], found["A3-cursussen"]
    assert (
        a3["where"]
        == a2["where"]
        == {
            "quality_mark": True,
            "signed": True,
            "hours": {"present": True},
            "career_guidance": True,
            "within_scope": True,
        }
    )
    assert a3["description"] == a2["description"]


@pytest.mark.parametrize(
    ("text", "column"), [("a: &a [1, *a]\n", 4), ("a: &m {self: *m}\n", 4), ("&r [[*r]]\n", 1)]
)
def test_a_value_that_contains_itself_is_refused(text: str, column: int) -> None:
    problem = problem_of(text)
    assert problem.message == "this value contains itself (through an alias)"
    assert problem.span == Span("f.yaml", 1, column)


def test_nesting_exactly_max_depth_levels_is_accepted() -> None:
    assert loader.MAX_DEPTH == 100
    data, _ = parse_yaml("[" * 100 + "x" + "]" * 100, "f.yaml")
    for _ in range(100):
        assert isinstance(data, list)
        (data,) = data
    assert data == "x"


@pytest.mark.parametrize("levels", [101, 500, 1000, 100_000])
def test_flow_nesting_deeper_than_max_depth_is_refused_at_the_bracket_that_passes_it(levels: int) -> None:
    start = time.perf_counter()
    problem = problem_of("[" * levels + "]" * levels)
    assert time.perf_counter() - start < 0.5
    assert problem.message == "invalid YAML: nested more than 100 levels deep"
    assert problem.span == Span("f.yaml", 1, 101)
    assert problem.hint is not None


@pytest.mark.parametrize("levels", [101, 1000])
def test_block_nesting_deeper_than_max_depth_is_refused_where_it_passes_it(levels: int) -> None:
    # Mapping number d (from 1) starts on line d at column 2*(d-1)+1.
    text = "".join("  " * d + f"k{d}:\n" for d in range(levels)) + "  " * levels + "x\n"
    problem = problem_of(text)
    assert problem.message == "invalid YAML: nested more than 100 levels deep"
    assert problem.span == Span("f.yaml", 101, 201)


def test_compact_nested_lists_are_limited_too() -> None:
    problem = problem_of("- " * 1000 + "x\n")  # `- - - x` is a list in a list in a list
    assert problem.message == "invalid YAML: nested more than 100 levels deep"
    assert problem.span == Span("f.yaml", 1, 201)


def test_nesting_through_aliases_is_limited_where_it_passes_max_depth() -> None:
    # b's 60 lists sit at levels 2-61 (the mapping is level 1); *a puts a's lists at 62-121,
    # so a's 40th list (column 6 + 40) is at level 101.
    text = "a: &a " + "[" * 60 + "x" + "]" * 60 + "\nb: " + "[" * 60 + "*a" + "]" * 60 + "\n"
    problem = problem_of(text)
    assert problem.message == "nested more than 100 levels deep (through aliases)"
    assert problem.span == Span("f.yaml", 1, 46)


# --- JSON: every problem at its place ---------------------------------------------------------

PORTFOLIO_WITH_DUPLICATES = """\
{
  "id": "p1",
  "evidence": [
    {"id": "e1", "kind": "diploma", "kind": "course"}
  ],
  "note": "id",
  "id": "p2"
}
"""


def test_every_json_duplicate_key_is_reported_at_its_place() -> None:
    # The evidence item's "id" is in another object, and "id" as a value is no key.
    assert json_problems(PORTFOLIO_WITH_DUPLICATES) == [
        (4, 37, "invalid JSON: duplicate key 'kind' (first at line 4, column 18)"),
        (7, 3, "invalid JSON: duplicate key 'id' (first at line 2, column 3)"),
    ]


def test_json_keys_are_compared_after_escapes_are_read() -> None:
    assert json_problems('{"a": 1, "\\u0061": 2, "a\\"": 3, "a\\\\": 4}') == [
        (1, 10, "invalid JSON: duplicate key 'a' (first at line 1, column 2)")
    ]


def test_a_key_written_three_times_is_reported_twice() -> None:
    assert json_problems('{"k": 1,\n "k": 2,\n "k": 3}') == [
        (2, 2, "invalid JSON: duplicate key 'k' (first at line 1, column 2)"),
        (3, 2, "invalid JSON: duplicate key 'k' (first at line 1, column 2)"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "column", "token"),
    [
        ('{"hours": NaN}', 1, 11, "NaN"),
        ('{\n  "a": [1, -Infinity]\n}', 2, 12, "-Infinity"),
        ("[\n  Infinity\n]", 2, 3, "Infinity"),
    ],
)
def test_json_nan_and_infinity_are_reported_at_the_token(
    text: str, line: int, column: int, token: str
) -> None:
    assert json_problems(text) == [(line, column, f"invalid JSON: {token} is not a JSON number")]


def test_nan_inside_a_string_is_text() -> None:
    assert parse_json('{"note": "NaN, Infinity", "NaN": 1}', "p.json") == {"note": "NaN, Infinity", "NaN": 1}


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1.5E+309", "1" + "0" * 400 + ".0"])
def test_a_json_number_too_large_for_a_float_is_refused_at_its_place(number: str) -> None:
    assert json_problems(f'{{"hours":\n  {number}}}') == [(2, 3, "invalid JSON: number too large")]


def test_the_largest_floats_are_still_numbers() -> None:
    assert parse_json("[1e308, -1.7976931348623157e308]", "p.json") == [1e308, -1.7976931348623157e308]


def test_a_json_integer_with_too_many_digits_is_refused_at_its_place() -> None:
    limit = sys.get_int_max_str_digits()  # Python's own guard against slow conversions
    assert parse_json(f"[{'9' * limit}]", "p.json") == [int("9" * limit)]
    assert json_problems(f'{{"hours": {"9" * (limit + 1)}}}') == [
        (1, 11, "invalid JSON: number has too many digits")
    ]


def test_every_kind_of_json_problem_is_reported_together_in_file_order() -> None:
    text = '{"a": NaN,\n "b": [1e999, {"c": 1, "c": 2}],\n "a": 1}'
    assert json_problems(text) == [
        (1, 7, "invalid JSON: NaN is not a JSON number"),
        (2, 8, "invalid JSON: number too large"),
        (2, 24, "invalid JSON: duplicate key 'c' (first at line 2, column 16)"),
        (3, 2, "invalid JSON: duplicate key 'a' (first at line 1, column 2)"),
    ]


def test_a_json_file_may_start_with_a_utf8_bom(tmp_path: Path) -> None:
    assert parse_json('\ufeff{"a": 1}', "p.json") == {"a": 1}
    path = tmp_path / "p.json"
    path.write_text('{"name": "Björn"}', encoding="utf-8-sig")
    assert load_json(path) == {"name": "Björn"}
    # Positions are those an editor shows, where the BOM is invisible.
    assert json_problems('\ufeff{"a": tru}') == [(1, 7, "invalid JSON: Expecting value")]


@pytest.mark.parametrize("text", ['{"name": "San\\ud800ne"}', '["ok", {"n": "\\udc00"}]'])
def test_a_lone_surrogate_escape_is_refused_in_bytes_and_in_a_string(text: str) -> None:
    for written in (text, text.encode()):
        with pytest.raises(LoadError, match="holds a lone surrogate"):
            parse_json(written, "p.json")


def test_a_string_holding_a_surrogate_is_refused_and_bytes_cannot_hold_one() -> None:
    text = '{"name": "San\ud800ne"}'
    with pytest.raises(LoadError, match="holds a lone surrogate"):
        parse_json(text, "p.json")
    with pytest.raises(LoadError, match="not UTF-8 text"):
        parse_json(text.encode("utf-8", "surrogatepass"), "p.json")


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=12,
    )
)
def test_json_bytes_read_as_the_string_they_encode(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False)
    assert parse_json(text.encode(), "p.json") == parse_json(text, "p.json") == value


def test_json_nesting_exactly_max_depth_levels_is_accepted_and_one_more_refused() -> None:
    expected: list[Any] = []
    for _ in range(99):
        expected = [expected]
    assert parse_json("[" * 100 + "]" * 100, "p.json") == expected
    assert json_problems('{"x": ' * 101 + "1" + "}" * 101) == [
        (1, 601, "invalid JSON: nested more than 100 levels deep")  # the 101st '{'
    ]


@pytest.mark.parametrize("levels", [101, 5000, 100_000])
def test_json_nested_too_deeply_for_python_is_refused_where_it_passes_max_depth(levels: int) -> None:
    assert json_problems("[" * levels + "]" * levels) == [
        (1, 101, "invalid JSON: nested more than 100 levels deep")
    ]


def test_brackets_inside_json_strings_do_not_count_as_nesting() -> None:
    assert parse_json('{"a": "' + "[{" * 200 + '"}', "p.json") == {"a": "[{" * 200}


@settings(max_examples=150, deadline=None)
@given(_plain)
def test_json_round_trip_of_plain_data(value: Any) -> None:
    assert parse_json(json.dumps(value, indent=1), "p.json") == _as_loaded(value)


# --- whatever the text, a LoadError or data -----------------------------------------------------

_YAML_PIECES = [
    "a",
    "1",
    "1e400",
    "2021-02-29",
    "~",
    ":",
    ": ",
    " ",
    "\n",
    "  ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
]
_YAML_PIECES += [
    "&x ",
    "*x",
    "!!str ",
    "!!int ",
    "!!timestamp ",
    "!x ",
    "? ",
    "<<",
    "#",
    "---",
    "'",
    '"',
    "|",
]
_YAML_PIECES += ["\t", "\x07", "\ufeff", "%YAML 1.1\n"]
_JSON_PIECES = [
    "{",
    "}",
    "[",
    "]",
    '"a"',
    '"b"',
    '"\\u0061"',
    ":",
    ",",
    "1",
    "-1.5",
    "1e400",
    "NaN",
    "-Infinity",
]
_JSON_PIECES += ["true", "null", " ", "\n", "\ufeff", '"', "\\"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_YAML_PIECES), max_size=30).map("".join))
def test_any_yaml_text_gives_data_or_a_load_error_with_a_position(text: str) -> None:
    try:
        parse_yaml(text, "f.yaml")
    except LoadError as caught:
        assert caught.problems
        assert all(p.span is not None and p.span.file == "f.yaml" for p in caught.problems)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_JSON_PIECES), max_size=30).map("".join))
def test_any_json_text_gives_data_or_a_load_error_with_a_position(text: str) -> None:
    try:
        parse_json(text, "p.json")
    except LoadError as caught:
        assert caught.problems
        assert all(p.span is not None and p.span.file == "p.json" for p in caught.problems)


# --- hostile values (found by an adversarial probe) ------------------------------------------------


@pytest.mark.parametrize("number", ["0x" + "f" * 4000, "0b" + "1" * 20000, "0" + "7" * 6000])
def test_an_integer_too_long_to_show_is_refused_in_any_base(number: str) -> None:
    problem = problem_of(f"version: {number}\n")
    assert (problem.message, problem.span) == ("number has too many digits", Span("f.yaml", 1, 10))


@pytest.mark.parametrize("number", ["1199.99999999999999999", "0.1000000000000000000001"])
def test_a_number_with_more_digits_than_a_float_holds_is_refused(number: str) -> None:
    problem = problem_of(f"min: {number}\n")
    assert problem.message == f"'{number}' has more digits than a number can hold exactly"
    assert problem.hint == "write at most 15 significant digits"


@pytest.mark.parametrize("number", ["98.5", "1.0e+3", "1_000.25", "0.1", "-0.0"])
def test_ordinary_decimals_are_read(number: str) -> None:
    data, _ = parse_yaml(f"min: {number}\n", "f.yaml")
    assert isinstance(data["min"], float)


def test_a_duplicate_anchor_is_named_with_both_lines() -> None:
    problem = problem_of("a: &x 1\nb: &x 2\n")
    assert problem.message == "invalid YAML: the anchor &x is defined twice (first at line 1)"
    assert problem.span == Span("f.yaml", 2, 4)


def test_an_undefined_alias_with_a_long_name_is_cut_short() -> None:
    problem = problem_of("a: *" + "x" * 3000 + "\n")
    assert len(problem.message) < 250


def test_a_json_number_with_more_digits_than_a_float_holds_is_refused() -> None:
    assert json_problems('{"hours": 1199.99999999999999999}') == [
        (1, 11, "invalid JSON: '1199.99999999999999999' has more digits than a number can hold exactly")
    ]


def test_a_json_number_too_small_to_hold_is_refused_not_read_as_zero() -> None:
    assert json_problems('{"hours": 1e-400}')[0][2].endswith("has more digits than a number can hold exactly")


@pytest.mark.parametrize("number", ["20:00", "1:30:00"])
def test_a_base_60_number_is_refused(number: str) -> None:
    problem = problem_of(f"min_hours: {number}\n")
    assert problem.message.startswith(f"YAML 1.1 reads '{number}' as a number in base 60")


def test_a_json_list_longer_than_the_limit_is_refused_at_its_pointer() -> None:
    with pytest.raises(LoadError) as caught:
        parse_json('{"cases": [' + ",".join(["{}"] * 1001) + "]}", "p.json")
    (problem,) = caught.value.problems
    assert (problem.pointer, problem.message) == (
        "/cases",
        "a list of 1,001 items: at most 1,000 are allowed",
    )


# --- libyaml underneath ---------------------------------------------------------------------------


def _reading(text: str, kind: Any) -> Any:
    reading = loader._read_yaml(text, "f.yaml", kind)
    smap = reading.source_map
    return reading.data, smap.values, smap.keys, smap.aliases, smap.numbers_as_written, reading.problems


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(_plain, st.builds(lambda shared, other: {"a": shared, "b": [shared, other]}, _plain, _plain)),
    st.sampled_from([None, False, True]),
    st.booleans(),
)
def test_libyaml_reads_what_the_reference_loader_reads_at_the_same_places(
    value: Any, flow: bool | None, unicode: bool
) -> None:
    """Where libyaml (the fast path) reads a file without a problem, data and every position are the
    reference loader's: in block and flow style, with anchors and aliases (a shared value is dumped
    as one), and with characters beyond ASCII written as themselves."""
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=unicode)
    try:
        fast = _reading(text, loader._FastYamlLoader)
    except LoadError:
        return  # read_yaml then asks the reference loader, which reports it
    if fast[-1]:
        return  # likewise
    assert fast == _reading(text, loader._QualmarkYamlLoader)


def _quick_or_none(text: str) -> loader.YamlReading | None:
    try:
        return loader._QuickReader(text, "f.yaml").read()
    except (loader._Bail, yaml.YAMLError):  # libyaml's own errors too; read_yaml then reads it again
        return None


def _assert_quick_reads_like_the_builder(text: str) -> bool:
    """Where the quick reader reads ``text``, it reads what composing nodes and building from them
    reads, to the type of every value and the order of every position; says whether it read it."""
    quick = _quick_or_none(text)
    if quick is None:
        return False
    built = loader._read_yaml(text, "f.yaml", loader._FastYamlLoader)
    assert built.problems == ()
    assert exact(quick) == exact(built)
    return True


def _shared(inner: Any) -> Any:
    """Documents that repeat values (which PyYAML writes as anchors and aliases), inside each other."""
    return st.builds(
        lambda shared, other: {"a": shared, "b": [shared, {"c": shared, "d": other}], "e": [other, shared]},
        inner,
        inner,
    )


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(_plain.filter(lambda value: value is not None), _shared(_plain), _shared(_shared(_plain))),
    st.sampled_from([None, False, True]),
    st.booleans(),
    st.booleans(),
)
def test_the_quick_reader_reads_what_the_node_builder_reads(
    value: Any, flow: bool | None, unicode: bool, sort_keys: bool
) -> None:
    """read_yaml first reads a file straight from libyaml's events. On any well-formed file it must
    give exactly the reading of the node builder: the data, every position, and where aliases were
    written, however deep anchors sit inside the values they repeat."""
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=unicode, sort_keys=sort_keys)
    assert _assert_quick_reads_like_the_builder(text)  # what safe_dump writes is well formed (not null)
    reader = loader._QuickReader(text, "f.yaml")
    reader.read()
    assert reader._expanded_size() == reader._values  # counted from the events as the reading counts


_WRITTEN_SCALARS = st.sampled_from(
    [
        "010",
        "1.10",
        "0x1F",
        "0o17",
        "1_000",
        "+1",
        "-0",
        ".5",
        "1e3",
        "6.0e+2",
        "1.",
        "2024-02-29",
        "2024-02-29T10:00:00",
        "2024-02-29 10:00:00.5+01:00",
        "yes",
        "No",
        "on",
        "~",
        "null",
        "",
        "''",
        '"x"',
        "| \n  block",
        "'it''s'",
        "x #note",
        "é",
        "[]",
        "{}",
        "[1, [2, {a: b}]]",
        "2021-02-29",
        "1:30",
        ".nan",
        "1199.99999999999999999",
        '"\\ud800"',
        "!!str 3",
        "!!int 3",
        "*none",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "1", "é", "<<", "'<<'", "? x"]), _WRITTEN_SCALARS), max_size=8
    )
)
def test_the_quick_reader_reads_scalars_as_written_like_the_node_builder(
    entries: list[tuple[str, str]],
) -> None:
    """Numbers, dates, booleans and nulls as people write them, and keys that repeat or merge: the
    quick reader reads them as the node builder does, or leaves the file to the careful path, which
    then says what is wrong with it."""
    text = "".join(f"{key}: {scalar}\n" for key, scalar in entries) or "{}\n"
    if not _assert_quick_reads_like_the_builder(text):
        try:
            reading = loader.read_yaml(text, "f.yaml")
        except LoadError:
            return
        assert reading.problems or "!!" in text  # it leaves every tag to the careful path, but nothing else


def test_the_quick_reader_reads_the_shipped_frameworks_and_examples_like_the_node_builder() -> None:
    files = [*FRAMEWORKS.glob("*.yaml"), *FRAMEWORKS.glob("tests/*.yaml"), *Path("examples").rglob("*.yaml")]
    assert len(files) >= 8
    for file in files:
        assert _assert_quick_reads_like_the_builder(file.read_text(encoding="utf-8")), file


@pytest.mark.parametrize(
    "text",
    [
        "a: !!str 1\n",  # a tag
        "a: !!str abc\n",  # even one that changes nothing: the builder checks it
        "a: 1\na: 2\n",  # a key written twice
        "<<: {a: 1}\n",  # a merge key
        "? [a]\n: 1\n",  # a key that is not text
        "&k a: 1\n",  # an anchored key
        "a: &x [1, *x]\n",  # an alias inside its own anchor
        "a: *nowhere\n",  # an alias to no anchor
        "a: &x 1\nb: &x 2\n",  # an anchor defined twice
        "a: &x [&x 1]\n",  # or inside itself
        "---\n",  # a document that holds nothing
        "--- 1\n--- 2\n",  # two documents
        "",  # no document
        "~\n",  # an empty one
        "a: 2021-02-29\n",  # something the builder reports
        "[" * 101 + "]" * 101,  # too deep
    ],
)
def test_the_quick_reader_leaves_what_it_does_not_handle_to_the_careful_path(text: str) -> None:
    assert _quick_or_none(text) is None


def test_the_quick_reader_counts_the_values_an_alias_repeats(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_VALUES", 12)
    assert _quick_or_none("a: &a [x, y]\nb: [*a, *a]\nc: 1\n") is not None  # exactly 12
    assert _quick_or_none("a: &a [x, y]\nb: [*a, *a]\nc: 1\nd: 2\n") is None
    monkeypatch.undo()
    bomb = loader._QuickReader(billion_laughs(9), "f.yaml")
    with pytest.raises(loader._Bail):
        bomb.read()
    assert not bomb.smap.values  # refused from the events, before anything was built


def test_a_problem_found_through_libyaml_is_reported_by_the_reference_loader() -> None:
    text = "a: 1\nb: !!binary aGVsbG8=\nc: [1, 2\n"
    with pytest.raises(LoadError) as fast:
        loader.read_yaml(text, "f.yaml")
    with pytest.raises(LoadError) as reference:
        loader._read_yaml(text, "f.yaml", loader._QualmarkYamlLoader)
    assert fast.value.problems == reference.value.problems
    reading = loader.read_yaml("a: 1\nb: !!binary aGVsbG8=\n", "f.yaml")
    assert (
        reading.problems
        == loader._read_yaml("a: 1\nb: !!binary aGVsbG8=\n", "f.yaml", loader._QualmarkYamlLoader).problems
    )


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(alphabet='{[,]}:a" ', max_size=5),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=3), inner, max_size=6),
    max_leaves=80,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES, st.integers(1, 4), st.integers(1, 4))
def test_counting_characters_never_lets_data_past_the_limits(value: Any, depth: int, items: int) -> None:
    """The shortcut that skips walking the data holds only where the walk would find nothing."""
    from qualmark import jsonfile

    limits = {"MAX_DEPTH": depth + 2, "MAX_ITEMS": items + 2, "MAX_VALUES": 40}
    text = json.dumps(value)
    with pytest.MonkeyPatch.context() as patch:
        for name, limit in limits.items():
            patch.setattr(jsonfile, name, limit)
        if jsonfile._surely_within_limits(text):
            found_depth, values, too_long = jsonfile._measure(value)
            assert found_depth <= limits["MAX_DEPTH"] and values <= limits["MAX_VALUES"] and not too_long
