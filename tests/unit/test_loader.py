"""The loader: plain YAML/JSON into data, with the position of every node.

Expected positions are read off the inputs (lines and columns count from 1).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from qualmark import LoadError, parse_framework
from qualmark.loader import load_json, load_yaml, parse_json, parse_yaml
from qualmark.source import Span


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


def test_a_duplicate_key_stops_a_framework_before_it_is_compiled() -> None:
    with pytest.raises(LoadError) as caught:
        parse_framework("qualmark: 1\nid: a\nid: b\n", "fw.yaml")
    assert [str(p.span) for p in caught.value.problems] == ["fw.yaml:3:1"]
    assert "duplicate key 'id'" in str(caught.value)


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
    text = f'qualmark: 1\nid: !!python/object/apply:os.system "touch {marker}"\n'
    with pytest.raises(LoadError) as caught:
        parse_framework(text, "fw.yaml")
    assert not marker.exists()
    assert str(caught.value).startswith("fw.yaml:2:5: invalid YAML: YAML tags are not allowed")


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
    assert problem.span is not None and problem.span.line == 2


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


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
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
    assert problem.message == f"{path} is not UTF-8 text (byte 10)"
    assert problem.hint == "save it as UTF-8"


def test_a_missing_file_is_reported_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(LoadError) as caught:
        load_yaml(path)
    (problem,) = caught.value.problems
    assert problem.message == f"no such file: {path}"


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
    text = '{\n  "a": 1,\n  "b": 2,\n}\n'  # trailing comma: the '}' on line 4 is unexpected
    with pytest.raises(LoadError) as caught:
        parse_json(text, "p.json")
    (problem,) = caught.value.problems
    assert problem.span == Span("p.json", 4, 1)
    assert problem.message.startswith("invalid JSON: ")
    assert str(caught.value).startswith("p.json:4:1: invalid JSON")


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


def test_an_empty_json_file_is_a_syntax_error() -> None:
    with pytest.raises(LoadError) as caught:
        parse_json("", "p.json")
    assert caught.value.problems[0].span == Span("p.json", 1, 1)


def test_load_json_reports_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        load_json(tmp_path / "nope.json")
    path = tmp_path / "p.json"
    path.write_bytes(b'{"name": "Bj\xf6rn"}')
    with pytest.raises(LoadError, match=r"not UTF-8 text \(byte 12\)"):
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
@given(_plain)
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
