"""The library API with odd inputs: errors an embedding program can handle, never a bare crash."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualmark import LoadError, load_framework, load_portfolio, parse_framework, parse_portfolio
from qualmark.inert import inert_json
from qualmark.report.json import dumps, dumps_line
from qualmark.schema import DATE, LANGUAGE, LEVEL
from tests.conftest import EXAMPLES, FRAMEWORKS

NOLOC = load_framework(FRAMEWORKS / "noloc-register-loopbaanprofessional.yaml")
ELIGIBLE = EXAMPLES / "noloc-register-loopbaanprofessional" / "eligible.json"


def test_a_path_with_a_nul_character_is_a_load_error() -> None:
    with pytest.raises(LoadError, match="holds a NUL character"):
        load_framework("a\x00b.yaml")
    with pytest.raises(LoadError, match="holds a NUL character"):
        load_portfolio("p\x00.json", NOLOC)


def test_evaluate_says_what_it_takes() -> None:
    with pytest.raises(TypeError, match="evaluate\\(\\) takes a Portfolio"):
        NOLOC.evaluate(json.loads(ELIGIBLE.read_text(encoding="utf-8")))


def test_portfolios_and_frameworks_parse_from_bytes_as_from_text() -> None:
    data = ELIGIBLE.read_bytes()
    assert parse_portfolio(data, "p.json", NOLOC) == parse_portfolio(data.decode(), "p.json", NOLOC)
    text = (FRAMEWORKS / "qual-im-g-template.yaml").read_bytes()
    assert parse_framework(text).id == "my-quality-mark"
    with pytest.raises(LoadError, match="not UTF-8 text"):
        parse_portfolio(b'{"name": "\xff"}')


@pytest.mark.parametrize(
    ("schema", "value"),
    [(LEVEL, "\ufeffNLQF6"), (LEVEL, "EQF6\n"), (LEVEL, "EQF٦"), (LANGUAGE, "nl\n"), (DATE, "2026-10-01\n")],
    ids=["bom-level", "newline-level", "arabic-digit", "newline-language", "newline-date"],
)
def test_patterns_mean_the_same_to_python_and_to_editors(schema: dict[str, str], value: str) -> None:
    """The printed schema's patterns are ECMA 262; Python's `$`, `\\d` and `\\s` differ, so none are used."""
    assert re.search(schema["pattern"], value) is None
    assert "$" not in schema["pattern"] and "\\d" not in schema["pattern"] and "\\s*" not in schema["pattern"]


def test_json_output_escapes_what_could_act_on_a_terminal_and_reads_back_exactly() -> None:
    name = "A\x9b2J\x85\u202e\u2028Z\U000e0041\x7f\u200b é\ud800"
    text = dumps({"name": name, "lines": ["one", "two"]})
    assert json.loads(text)["name"] == name
    assert all(c.isprintable() or c in "\n " for c in text)
    assert inert_json(text) == text


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)  # beyond 64 bits too
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.builds(lambda m, e: m * 10.0**e, st.floats(-10, 10), st.integers(-30, 30))  # 1e-05, 1.5e-07, …
    | st.text(st.characters(codec="utf-8") | st.sampled_from("\x1b\x85\u202e\u2028\u200b\x7f\n\ud800é")),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=15,
)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_a_json_lines_record_reads_back_as_the_json_output_and_is_one_inert_line(data: object) -> None:
    line = dumps_line(data)
    assert json.loads(line) == json.loads(dumps(data))
    assert "\n" not in line and inert_json(line) == line  # one line, nothing left to escape


@settings(max_examples=500, deadline=None)
@given(_JSON)
def test_the_json_output_is_the_standard_librarys_text_made_inert(data: object) -> None:
    """`check --format json` writes through orjson where that gives the standard library's text to the
    character (numbers of every size, text of every kind), and through json where it would not."""
    assert dumps(data) == inert_json(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))


def test_every_public_name_is_there_when_asked_for() -> None:
    """``qualmark`` imports its public names on first use: each is there, in ``dir()``, and is the
    defining module's own; a name it does not have is an AttributeError, as for any module."""
    import qualmark

    for name in qualmark.__all__:
        value = getattr(qualmark, name)
        assert getattr(value, "__name__", name) == name
        assert name in dir(qualmark)
    with pytest.raises(AttributeError, match="has no attribute 'load_frameworks'"):
        qualmark.load_frameworks  # noqa: B018


def test_importing_qualmark_loads_nothing_heavy() -> None:
    """The ``qualmark`` command starts by importing the package; what a command does not need it
    should not pay for (pydantic alone takes ~80 ms to import)."""
    code = "import sys, qualmark; print(sorted(m for m in ('pydantic', 'yaml', 'rich', 'typer') if m in sys.modules))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
