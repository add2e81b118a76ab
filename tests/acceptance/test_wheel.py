"""qualmark outside a checkout: the wheel builds, installs into a fresh venv and works there.

Dependencies come from the package index, as for any `pip install`; the
catalogue and scales must travel inside the wheel.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import FRAMEWORKS, ROOT


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=900)


def test_the_wheel_installs_into_a_fresh_venv_and_validates(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", dist, ROOT, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    [wheel] = dist.glob("qualmark-*.whl")
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", venv, cwd=tmp_path).returncode == 0
    installed = run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"  # no src/ folder to import from by accident
    elsewhere.mkdir()
    qualmark = venv / "bin" / "qualmark"
    version = run(qualmark, "--version", cwd=elsewhere)
    assert version.returncode == 0 and version.stdout.startswith("qualmark ")
    frameworks = sorted(FRAMEWORKS.glob("*.yaml"))
    validated = run(qualmark, "validate", *frameworks, cwd=elsewhere)
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout.count("\nvalid ") + validated.stdout.startswith("valid ") == len(frameworks)
    where = run(venv / "bin" / "python", "-c", "import qualmark; print(qualmark.__file__)", cwd=elsewhere)
    assert str(venv) in where.stdout  # the installed package, not the checkout
    made = run(qualmark, "new", "mark.yaml", cwd=elsewhere)
    assert made.returncode == 0, made.stderr
    modeline = (elsewhere / "mark.yaml").read_text(encoding="utf-8").splitlines()[0]
    schema = (elsewhere / modeline.split("$schema=", 1)[1]).resolve()
    assert schema.is_file() and str(venv) in str(schema)  # the schema inside the installed package
    # the report templates and their style sheet are in the wheel
    handbook = run(
        qualmark,
        "docs",
        FRAMEWORKS / "noloc-register-loopbaanprofessional.yaml",
        "--format",
        "html",
        cwd=elsewhere,
    )
    assert handbook.returncode == 0, handbook.stderr
    assert "<h1>Handboek: Register Loopbaanprofessional</h1>" in handbook.stdout
    assert ".verdict {" in handbook.stdout  # the style sheet, included
