"""Every shipped framework's test file (frameworks/tests/*.tests.yaml) passes, and covers its examples.

The test files are the product's own format (``qualmark test``, docs/testing.md):
each case names an example portfolio, the judgements it is checked with, the
expected verdict, the failing requirements and the review items. Every
example portfolio must be used by some case, and every case must pass.
"""

from __future__ import annotations

import json

import pytest

from qualmark import load_framework
from qualmark.explain import Status
from qualmark.suite import Suite, discover, load_suite
from tests.conftest import EXAMPLES, FRAMEWORKS

SUITES = {path.name.removesuffix(".tests.yaml"): load_suite(path) for path in discover(FRAMEWORKS / "tests")}
CASES = [
    (folder, index, case)
    for folder, suite in SUITES.items()
    for index, case in enumerate(suite.document.cases)
]


def test_every_framework_with_rules_has_a_test_file() -> None:
    assert set(SUITES) == {"noloc-register-loopbaanprofessional", "estqf-career-specialist-7"}
    for folder, suite in SUITES.items():
        assert suite.framework_path.resolve() == (FRAMEWORKS / f"{folder}.yaml").resolve()


@pytest.mark.parametrize("folder", sorted(SUITES))
def test_every_example_portfolio_is_tested(folder: str) -> None:
    suite = SUITES[folder]
    used = {(suite.folder / str(c.portfolio)).resolve() for c in suite.document.cases}
    present = {p.resolve() for p in (EXAMPLES / folder).glob("*.json")}
    assert used == present


@pytest.mark.parametrize("folder", sorted(SUITES))
def test_enough_single_failure_examples(folder: str) -> None:
    cases = SUITES[folder].document.cases
    assert any(c.verdict == "eligible" and str(c.portfolio).endswith("/eligible.json") for c in cases)
    assert len([c for c in cases if c.failing is not None and len(c.failing) == 1]) >= 8
    assert len({c.name for c in cases}) == len(cases), "two cases share a name"


@pytest.mark.parametrize(("folder", "index", "case"), CASES, ids=[f"{f}/{c.name}" for f, _, c in CASES])
def test_case(folder: str, index: int, case: object) -> None:
    suite: Suite = SUITES[folder]
    framework = load_framework(suite.framework_path)
    result = suite.run_case(framework, index)
    assert result.passed, result.differences or result.problems
    evaluation = result.evaluation
    assert evaluation is not None
    for gap in evaluation.gaps():
        assert gap.fix is not None, f"{gap.rule_id} fails without saying what would make it pass"
        assert gap.status in (Status.NOT_MET, Status.INCOMPLETE)
    # every sentence of the explanation can be written in both languages, and is JSON
    for lang in ("en", "nl"):
        text = json.dumps(evaluation.to_json(lang), ensure_ascii=False)
        assert "{'" not in text, "a message shows raw data instead of words"
