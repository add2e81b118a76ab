"""The pre-commit hooks (.pre-commit-hooks.yaml) and the GitHub Action (action.yml) run as they say.

Neither pre-commit nor GitHub runs here: the hooks' entry points run on a
temporary repository with pre-commit's file selection (the `files` and
`exclude` patterns, `pass_filenames`), and the action's run steps run in
bash with its inputs' defaults, as GitHub would run them.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
BIN = str(Path(sys.executable).parent)  # where `qualmark` is installed


def repository(tmp_path: Path) -> Path:
    """A repository that keeps the shipped frameworks, their tests and examples."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "frameworks", repo / "frameworks")
    shutil.copytree(ROOT / "examples", repo / "examples")
    (repo / "README.md").write_text("A quality mark.\n", encoding="utf-8")
    return repo


def run_hook(hook: dict[str, Any], repo: Path) -> subprocess.CompletedProcess[str]:
    files = sorted(str(p.relative_to(repo)) for p in repo.rglob("*") if p.is_file())
    chosen = [
        f
        for f in files
        if re.search(hook.get("files", ""), f) and not (hook.get("exclude") and re.search(hook["exclude"], f))
    ]
    args = shlex.split(hook["entry"]) + (chosen if hook.get("pass_filenames", True) else [])
    env = {**os.environ, "PATH": f"{BIN}:/usr/bin:/bin"}
    return subprocess.run(args, cwd=repo, capture_output=True, text=True, timeout=600, env=env)


def hook(hook_id: str) -> dict[str, Any]:
    return next(h for h in HOOKS if h["id"] == hook_id)


def test_the_validate_hook_checks_the_framework_files_only(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    result = run_hook(hook("qualmark-validate"), repo)
    assert result.returncode == 0, result.stderr
    checked = re.findall(r"^valid (\S+):", result.stdout, re.M)
    assert checked == [
        "frameworks/estqf-career-specialist-7.yaml",
        "frameworks/noloc-register-loopbaanprofessional.yaml",
        "frameworks/qual-im-g-template.yaml",
    ]
    noloc = repo / "frameworks" / "noloc-register-loopbaanprofessional.yaml"
    noloc.write_text(
        noloc.read_text(encoding="utf-8").replace("cases: {count: 2}", "cases: {cont: 2}"), "utf-8"
    )
    broken = run_hook(hook("qualmark-validate"), repo)
    assert broken.returncode == 1
    assert (
        "frameworks/noloc-register-loopbaanprofessional.yaml:" in broken.stderr and "'cont'" in broken.stderr
    )


def test_the_test_hook_runs_every_test_file(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    result = run_hook(hook("qualmark-test"), repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "frameworks/tests/noloc-register-loopbaanprofessional.tests.yaml" in result.stdout
    example = repo / "examples" / "portfolios" / "noloc-register-loopbaanprofessional" / "eligible.json"
    example.write_text(example.read_text(encoding="utf-8").replace('"hours": 5200', '"hours": 520'), "utf-8")
    failing = run_hook(hook("qualmark-test"), repo)
    assert failing.returncode == 1
    assert "B1-uren" in failing.stdout


def run_action(repo: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    """The action's run steps after setup and install, in bash, with ``inputs`` over the defaults."""
    values = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()} | inputs
    script = ["set -e"]
    env = {**os.environ, "PATH": f"{BIN}:/usr/bin:/bin"}
    for step in ACTION["runs"]["steps"]:
        if "run" not in step or "pip install" in step["run"]:
            continue  # setup-python and the install: qualmark is already installed here
        condition = step.get("if", "")
        if "inputs.tests != ''" in condition and not values["tests"]:
            continue
        for name, value in step.get("env", {}).items():
            env[name] = re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: values[m.group(1)], value)
        script.append(re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: values[m.group(1)], step["run"]))
    return subprocess.run(
        ["bash", "-c", "\n".join(script)], cwd=repo, capture_output=True, text=True, timeout=600, env=env
    )


def test_the_action_validates_and_tests_with_annotations(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    result = run_action(repo, **{"min-coverage": "100"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid frameworks/noloc-register-loopbaanprofessional.yaml" in result.stdout
    assert "coverage of noloc-register-loopbaanprofessional: 100.0 %" in result.stdout
    tests = repo / "frameworks" / "tests" / "noloc-register-loopbaanprofessional.tests.yaml"
    tests.write_text(tests.read_text(encoding="utf-8").replace("failing: [B1-uren]", "failing: []"), "utf-8")
    failing = run_action(repo)
    assert failing.returncode == 1
    assert (
        "::error file=frameworks/tests/noloc-register-loopbaanprofessional.tests.yaml,line=" in failing.stdout
    )


def test_the_action_installs_qualmark_from_its_own_checkout() -> None:
    [install] = [s for s in ACTION["runs"]["steps"] if "pip install" in s.get("run", "")]
    assert '"${{ github.action_path }}"' in install["run"]
    assert (ROOT / "pyproject.toml").is_file()  # what `pip install <action path>` builds
