"""Every shipped example portfolio gives the verdict and the failing requirements its manifest states.

Each framework's examples folder has an ``expected.yaml`` listing every file
with its expected verdict and the rule ids of the failing leaves; a file in
the folder that the manifest does not list is an error too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from qualmark import load_framework, load_judgements, load_portfolio
from qualmark.explain import Status
from tests.conftest import EXAMPLES, FRAMEWORKS


def _cases() -> list[tuple[str, Path, dict[str, object]]]:
    cases: list[tuple[str, Path, dict[str, object]]] = []
    for folder in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        manifest = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
        entries = manifest if isinstance(manifest, list) else manifest["examples"]
        for entry in entries:
            cases.append((folder.name, folder / entry["file"], entry))
    return cases


CASES = _cases()


def test_every_framework_with_rules_has_examples() -> None:
    folders = {folder for folder, _, _ in CASES}
    assert {"noloc-register-loopbaanprofessional", "estqf-career-specialist-7"} <= folders


@pytest.mark.parametrize("folder", sorted({c[0] for c in CASES}))
def test_manifest_lists_every_file(folder: str) -> None:
    listed = {path.name for f, path, _ in CASES if f == folder}
    present = {p.name for p in (EXAMPLES / folder).glob("*.json")}
    assert listed == present


@pytest.mark.parametrize("folder", sorted({c[0] for c in CASES}))
def test_enough_single_failure_examples(folder: str) -> None:
    entries = [e for f, _, e in CASES if f == folder]
    single = [e for e in entries if len(e["failing"]) == 1]
    assert any(e["verdict"] == "eligible" and e["file"] == "eligible.json" for e in entries)
    assert len({(e["file"], e.get("judgements")) for e in entries}) == len(entries), (
        "an entry is listed twice"
    )
    assert len(single) >= 8


@pytest.mark.parametrize(
    ("folder", "path", "expected"),
    CASES,
    ids=[f"{c[0]}/{c[1].name}" + (f"+{c[2]['judgements']}" if c[2].get("judgements") else "") for c in CASES],
)
def test_example_outcome(folder: str, path: Path, expected: dict[str, object]) -> None:
    framework = load_framework(FRAMEWORKS / f"{folder}.yaml")
    judged = expected.get("judgements")
    judgements = load_judgements(path.parent / str(judged)) if judged else None
    evaluation = framework.evaluate(load_portfolio(path), judgements=judgements)
    assert evaluation.verdict.value == expected["verdict"]
    assert sorted(o.rule_id for o in evaluation.gaps()) == sorted(expected["failing"])  # type: ignore[arg-type]
    assert [o.rule_id for o in evaluation.reviews()] == expected.get("review", [])
    for gap in evaluation.gaps():
        assert gap.fix is not None, f"{gap.rule_id} fails without saying what would make it pass"
        assert gap.status in (Status.NOT_MET, Status.INCOMPLETE)
    # every sentence of the explanation can be written in both languages, and is JSON
    for lang in ("en", "nl"):
        text = json.dumps(evaluation.to_json(lang), ensure_ascii=False)
        assert "{'" not in text, "a message shows raw data instead of words"
