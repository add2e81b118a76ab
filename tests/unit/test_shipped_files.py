"""Files generated from the code stay in step with it, and the template is the blank form."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from qualmark import load_framework
from qualmark.catalogue import load_catalogue
from qualmark.catalogue.template import render_template
from qualmark.loader import load_yaml
from qualmark.schema import framework_schema
from qualmark.schema import tests_schema as schema_of_test_files
from tests.conftest import FRAMEWORKS, ROOT

TEMPLATE = FRAMEWORKS / "qual-im-g-template.yaml"


def test_editor_schema_is_current() -> None:
    shipped = json.loads((ROOT / "schemas" / "framework.schema.json").read_text(encoding="utf-8"))
    assert shipped == framework_schema(), "run: qualmark schema --dsl > schemas/framework.schema.json"


def test_the_packaged_editor_schema_is_current() -> None:
    """`qualmark new` points editors at the copy inside the package, wherever it is installed."""
    packaged = ROOT / "src" / "qualmark" / "schemas" / "framework.schema.json"
    assert json.loads(packaged.read_text(encoding="utf-8")) == framework_schema(), (
        "run: qualmark schema --dsl > src/qualmark/schemas/framework.schema.json"
    )


def test_test_file_schema_is_current() -> None:
    shipped = json.loads((ROOT / "schemas" / "tests.schema.json").read_text(encoding="utf-8"))
    assert shipped == schema_of_test_files(), "run: qualmark schema --tests > schemas/tests.schema.json"


def test_shipped_test_files_fit_the_published_schema() -> None:
    """Checked with jsonschema, independently of the pydantic models the schema comes from."""
    validator = Draft202012Validator(schema_of_test_files())
    for path in sorted((ROOT / "frameworks" / "tests").glob("*.tests.yaml")):
        data, _ = load_yaml(path)
        plain = json.loads(json.dumps(data, default=str))  # dates as JSON has them
        assert [e.message for e in validator.iter_errors(plain)] == [], path


def test_shipped_template_is_the_generated_one() -> None:
    assert TEMPLATE.read_text(encoding="utf-8") == render_template()


def test_template_lists_every_question_unanswered_under_its_block() -> None:
    data, _ = load_yaml(TEMPLATE)
    for block in load_catalogue().blocks:
        answers = data[block.key]["answers"]
        assert list(answers) == [q.id for q in block.all_questions()]
        assert all(value is None for value in answers.values())


def test_template_shows_each_question_text_above_its_id() -> None:
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    for question in load_catalogue().questions():
        at = lines.index(f"    {question.id}: ~")
        comment = []
        for line in reversed(lines[:at]):
            if not line.startswith("    # ") or line.startswith("    # Sub-block"):
                break
            comment.insert(0, line.removeprefix("    # "))
        assert " ".join(comment) == question.text


def test_template_validates_with_no_requirements() -> None:
    framework = load_framework(TEMPLATE)
    assert framework.rules == ()
    assert framework.id == "my-quality-mark"
