"""The command line runs the command it names without making the others (a cold start's cost)."""

from __future__ import annotations

import pytest

from qualmark import cli

NAMES = [command.name for command in cli.app.registered_commands]


def test_every_command_is_named_and_answers_alone() -> None:
    assert all(NAMES) and len(set(NAMES)) == len(NAMES)
    for name in NAMES:
        assert [c.name for c in cli._app_for([name, "x"]).registered_commands] == [name]
    for line in ([], ["--help"], ["--version"], ["chek"], ["x", "check"]):
        assert cli._app_for(line) is cli.app


@pytest.mark.parametrize(
    "args",
    [
        *([name, "--help"] for name in NAMES),
        ["check"],  # a missing argument
        ["validate", "--nope"],  # an unknown option
        ["batch", "f.yaml", "-", "--workers", "many"],  # a value of the wrong type
    ],
)
def test_a_command_alone_says_what_the_whole_app_says(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    alone = cli.run(args), *capsys.readouterr()
    monkeypatch.setattr(cli, "_app_for", lambda argv: cli.app)
    whole = cli.run(args), *capsys.readouterr()
    assert alone == whole
    assert alone[1] or alone[2]  # it said something
