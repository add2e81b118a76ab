"""Messages an author actually sees for the usual slips: rewritten from the parsers' own words."""

from __future__ import annotations

import pytest

from qualmark import FrameworkError, LoadError, parse_framework
from qualmark.jsonfile import parse_json
from tests.unit.helpers import HEADER


def problem(text: str) -> tuple[str, str, str | None]:
    with pytest.raises((LoadError, FrameworkError)) as error:
        parse_framework(text, "fw.yaml")
    [found] = error.value.problems
    return str(found.span), found.message, found.hint


def test_braces_around_a_text_with_commas_say_to_quote_it() -> None:
    text = (
        HEADER
        + "testing:\n  declarations: [{id: d, text: x}]\n  requirements:\n    - {id: C, source: {Deel III, Ad A}, declarations: [d]}\n"
    )
    where, message, hint = problem(text)
    assert (where, message) == ("fw.yaml:12:23", "expected text, found a mapping")
    assert hint == "braces make a YAML mapping; to write the text '{Deel III, Ad A}', put it in quotes"


def test_a_key_indented_less_than_its_mapping_says_where_the_keys_start() -> None:
    text = "qualmark: 1\ntesting:\n  requirements: []\n declarations: []\n"
    where, message, hint = problem(text)
    assert where == "fw.yaml:4:2"
    assert message == (
        "invalid YAML: line 4 is indented to column 2, but the keys of the mapping it continues start at column 1 (line 1)"
    )
    assert hint == "line up its key at column 1, or indent it further to nest it under the key above"


def test_a_key_indented_more_than_the_one_above_says_so() -> None:
    where, message, hint = problem("qualmark: 1\nid: x\n  uri: y\n")
    assert (where, message) == ("fw.yaml:3:6", "invalid YAML: mapping values are not allowed here")
    assert hint is not None and hint.startswith("this line is indented further than the key above it")


@pytest.mark.parametrize(
    ("text", "where", "closer"),
    [('{"framework": "x",}', "p.json:1:18", "}"), ('{"a": [1, 2,\n ]}', "p.json:1:12", "]")],
)
def test_a_trailing_comma_in_json_is_named(text: str, where: str, closer: str) -> None:
    with pytest.raises(LoadError) as error:
        parse_json(text, "p.json")
    [found] = error.value.problems
    assert (str(found.span), found.message) == (
        where,
        f"invalid JSON: a comma before '{closer}' (a trailing comma)",
    )
    assert found.hint == "JSON allows no comma after the last item: remove it"


@pytest.mark.parametrize(
    "text", ["framework: x\ncandidate: {name: A}\n", "# a portfolio\nframework: x\n", "---\nframework: x\n"]
)
def test_a_yaml_file_given_as_a_portfolio_is_named(text: str) -> None:
    with pytest.raises(LoadError) as error:
        parse_json(text, "p.json")
    [found] = error.value.problems
    assert found.message == "this is YAML, not JSON: a portfolio is a JSON file"


@pytest.mark.parametrize(
    ("text", "where"), [('{"a": 1}\n{"a": 2}\n', "p.json:2:1"), ('{"a": 1}\r\n\r\n  {}', "p.json:3:3")]
)
def test_json_lines_given_as_a_portfolio_are_named(text: str, where: str) -> None:
    with pytest.raises(LoadError) as error:
        parse_json(text, "p.json")
    [found] = error.value.problems
    assert (str(found.span), found.message) == (
        where,
        "invalid JSON: another JSON object starts on a new line after the first (JSON Lines?)",
    )
    assert found.hint is not None and "qualmark batch" in found.hint
    # extra data on the same line, or not an object, is the parser's plain finding
    for other in ('{"a": 1} {"a": 2}', '{"a": 1}\n[1]'):
        with pytest.raises(LoadError) as error:
            parse_json(other, "p.json")
        assert [p.message for p in error.value.problems] == ["invalid JSON: Extra data"]
