"""The catalogue of hostile inputs (see the package docstring).

Each case writes its files into an empty folder and gives the arguments of
``qualmark``, run in that folder, so every path in a message is a bare name.
``says`` is a piece of the output the run must print (on ``stream``); it is
what the documentation table shows.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLES, FRAMEWORKS

NOLOC_ELIGIBLE = EXAMPLES / "noloc-register-loopbaanprofessional" / "eligible.json"
NOLOC_FAILING = EXAMPLES / "noloc-register-loopbaanprofessional" / "fail-b1-hours.json"

# What a portfolio's candidate could write to make a NOT ELIGIBLE report look eligible.
FORGED_NAME = "Anna\x1b[2K\x1b[1G\x1b[1;32mELIGIBLE Anna de Vries"
FAKE_LINE = "Anna\n✔ R9 all requirements — met"

Build = Callable[[Path], list[str]]


@dataclass(frozen=True)
class Hostile:
    """One hostile input and what qualmark must make of it."""

    id: str
    what: str  # the input, in words
    build: Build  # writes the files into a folder; returns qualmark's arguments
    exit_code: int
    says: str  # a piece of the output that must appear on `stream`
    stream: str = "stderr"
    stdout: str = "pipe"  # "pipe", "full" (/dev/full), "closed" (a reader that went away) or "absent" (>&-)
    records: int | None = None  # with --format json: how many records stdout must hold
    crash: bool = False  # run with a bug injected into qualmark (the internal-error handler)
    environment: tuple[tuple[str, str], ...] = ()  # variables set for this run


# --- builders ---------------------------------------------------------------------------------


def noloc(folder: Path) -> str:
    shutil.copy(FRAMEWORKS / "noloc-register-loopbaanprofessional.yaml", folder / "noloc.yaml")
    return "noloc.yaml"


def portfolio(
    folder: Path, change: Callable[[dict[str, Any]], object], name: str = "p.json", base: Path = NOLOC_FAILING
) -> str:
    """A Noloc portfolio (by default one that fails B1 only) with ``change`` applied, written as ``name``."""
    data = copy.deepcopy(json.loads(base.read_text(encoding="utf-8")))
    change(data)
    (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return name


def eligible(folder: Path, name: str = "eligible.json") -> str:
    shutil.copy(NOLOC_ELIGIBLE, folder / name)
    return name


def agreed(folder: Path) -> list[str]:
    """Options that give the assessors' agreeing judgements, so that eligible.json is eligible."""
    shutil.copy(NOLOC_ELIGIBLE.parent / "judgements" / "agreed.yaml", folder / "agreed.yaml")
    return ["--judgements", "agreed.yaml"]


def raw(folder: Path, name: str, text: str) -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return name


HEADER = """\
qualmark: 1
id: hostile
uri: urn:qualmark:framework:hostile
version: "1"
title: Hostile
languages: [en]
issuer: {name: Tester}
source: {title: Tests}
"""

DIPLOMA = """\
testing:
  evidence_kinds:
    - id: diploma
      label: Diploma
      fields: {level: level, hours: number}
  requirements:
    - id: A1
      evidence: diploma
      where: WHERE
"""


def framework_file(folder: Path, body: str, name: str = "fw.yaml") -> str:
    return raw(folder, name, HEADER + body)


def where(condition: str) -> Build:
    return lambda d: ["validate", framework_file(d, DIPLOMA.replace("WHERE", condition))]


def check(change: Callable[[dict[str, Any]], object], *options: str) -> Build:
    return lambda d: ["check", noloc(d), portfolio(d, change), *options]


def setter(*path: str | int, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return change


def sparse(folder: Path) -> str:
    with open(folder / "huge.json", "wb") as handle:
        handle.truncate(2 * 1024**3)  # 2 GiB that take no room on the disk
    return "huge.json"


def fifo(folder: Path, name: str = "pipe.json") -> str:
    os.mkfifo(folder / name)
    return name


def five_with(odd: Callable[[Path], str]) -> Build:
    def build(folder: Path) -> list[str]:
        names = [eligible(folder, f"e{i}.json") for i in range(4)]
        names.insert(2, odd(folder))
        return ["check", noloc(folder), *names, "--format", "json"]

    return build


def unreadable(folder: Path) -> str:
    name = eligible(folder, "locked.json")
    (folder / name).chmod(0)
    return name


def flat_yaml_list(folder: Path) -> list[str]:
    return ["validate", raw(folder, "list.yaml", "[" + "1," * 1_000_000 + "1]\n")]


def many_json_objects(folder: Path) -> list[str]:
    return ["check", noloc(folder), raw(folder, "objects.json", "[" + "{}," * 200_000 + "{}]")]


def marked_again_and_again(data: dict[str, Any]) -> None:
    task = data["cases"][0]["demonstrates"]["tasks"][0]["id"]
    data["cases"][0]["not_relevant"] = {"tasks": [{"id": task, "motivation": "x"}] * 30}


def long_list(folder: Path) -> list[str]:
    text = NOLOC_ELIGIBLE.read_text(encoding="utf-8").replace('"cases": [', '"cases": [' + "0," * 400_000, 1)
    return ["check", noloc(folder), raw(folder, "p.json", text)]


def blank_reflections(data: dict[str, Any]) -> None:
    for case in data["cases"]:
        case["reflections"] = dict.fromkeys(case["reflections"], "\u200b")


def many_cases(folder: Path) -> list[str]:
    def change(data: dict[str, Any]) -> None:
        data["cases"] = [{**data["cases"][0], "id": f"case-{i}"} for i in range(1001)]

    return ["check", noloc(folder), portfolio(folder, change)]


def odd_file_name(folder: Path) -> list[str]:
    name = "eligible-\udcff.json"  # byte 0xFF, which no UTF-8 decodes: Python keeps it as a surrogate
    shutil.copy(NOLOC_ELIGIBLE, os.fsencode(folder / name))
    return ["check", noloc(folder), name, "--lang", "en", *agreed(folder)]


def forged_judgement(folder: Path) -> list[str]:
    """Agreeing judgements whose assessor's rationale draws a report line and a verdict."""
    text = (NOLOC_ELIGIBLE.parent / "judgements" / "agreed.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "rationale: Passend binnen werkveld en scope.",
        'rationale: "Passend.\\n\\u2514\\u2500\\u2500 \\u2714 X all met\\n\\u001b[32mELIGIBLE"',
    )
    (folder / "forged.yaml").write_text(text, encoding="utf-8")
    return ["check", noloc(folder), eligible(folder), "--lang", "en", "--judgements", "forged.yaml"]


# --- the catalogue ----------------------------------------------------------------------------

CASES = [
    Hostile(
        "forged-judgement",
        "an assessor's rationale in a judgements file with a newline, a report line and a coloured verdict",
        forged_judgement,
        0,
        "judged by Pieter Bakker (2026-10-21): met — Passend.⏎\\u2514\\u2500\\u2500 \\u2714 X all met⏎\\x1b[32mELIGIBLE",
        stream="stdout",
    ),
    Hostile(
        "forged-verdict",
        "candidate name with terminal control sequences that erase the line and print ELIGIBLE in green",
        check(setter("candidate", "name", value=FORGED_NAME), "--lang", "en"),
        1,
        "NOT ELIGIBLE Anna\\x1b[2K\\x1b[1G\\x1b[1;32mELIGIBLE Anna de Vries — Registered Career Professional",
        stream="stdout",
    ),
    Hostile(
        "fake-line",
        "candidate name with a newline and a fake requirement line",
        check(setter("candidate", "name", value=FAKE_LINE), "--lang", "en"),
        1,
        "NOT ELIGIBLE Anna⏎\\u2714 R9 all requirements — met — Registered Career Professional",
        stream="stdout",
    ),
    Hostile(
        "emoji-code",
        "evidence title written as rich emoji and markup codes",
        check(
            setter("evidence", 0, "title", value=":heavy_check_mark: [bold green]all met[/]"), "--lang", "en"
        ),
        1,
        "— :heavy_check_mark: [bold green]all met[/]",
        stream="stdout",
    ),
    Hostile(
        "bidi-override",
        "case id with a right-to-left override that would turn the text around",
        check(setter("cases", 0, "id", value="casus-1\u202etem"), "--lang", "en"),
        1,
        "casus-1\\u202etem",
        stream="stdout",
    ),
    Hostile(
        "control-in-framework-value",
        "a portfolio whose `framework` holds a screen-clearing control sequence",
        check(setter("framework", value="noloc\x1b[2J\x1b[H")),
        2,
        "the portfolio is for framework 'noloc\\x1b[2J\\x1b[H', not 'noloc-register-loopbaanprofessional'",
    ),
    Hostile(
        "control-in-unknown-key",
        "a portfolio with an unknown key holding control characters",
        check(setter("evidence", 0, "\x1b[31mlevel", value="NLQF6")),
        2,
        "unknown key '\\x1b[31mlevel'",
    ),
    Hostile(
        "control-in-yaml-key",
        "a framework with a YAML key written with an escape character",
        lambda d: ["validate", framework_file(d, '"\\e[2Jtesting": {}\n')],
        1,
        "unknown key '\\x1b[2Jtesting'",
    ),
    Hostile(
        "container-quoted-whole",
        "`cases` given as an object of case summaries (personal data) instead of a list",
        check(setter("cases", value={f"case {i}": {"summary": "private " * 1000} for i in range(10)})),
        2,
        "p.json#/cases: error: expected a list, found an object with 10 keys",
    ),
    Hostile(
        "lone-surrogate-portfolio",
        'a lone surrogate (`"\\ud800"`) in the candidate\'s name',
        lambda d: [
            "check",
            noloc(d),
            raw(d, "p.json", NOLOC_ELIGIBLE.read_text(encoding="utf-8").replace("Sanne", "San\\ud800ne")),
        ],
        2,
        "invalid JSON: 'San\\ud800ne de Groot' holds a lone surrogate (\\ud800), which is not a character",
    ),
    Hostile(
        "lone-surrogate-framework",
        "a lone surrogate in a framework's title",
        lambda d: [
            "validate",
            raw(d, "fw.yaml", HEADER.replace("title: Hostile", 'title: "Host\\ud800ile"')),
        ],
        2,
        "'Host\\ud800ile' holds a lone surrogate (\\ud800), which is not a character",
    ),
    Hostile(
        "far-future-date",
        "`active_since: 9999-12-31`, where a date plus two years leaves the calendar",
        check(setter("experience", "active_since", value="9999-12-31")),
        2,
        "p.json#/experience/active_since: error: '9999-12-31' is not a date from 1800 to 8999",
    ),
    Hostile(
        "huge-level-portfolio",
        "a diploma level of 5,000 digits in a portfolio",
        check(setter("evidence", 0, "level", value="NLQF" + "9" * 5000)),
        2,
        "p.json#/evidence/0/level: error: 'NLQF99999999999999999999999999999999999…' is not a level",
    ),
    Hostile(
        "huge-level-framework",
        "a level of 5,000 digits in a framework's condition",
        where("{level: {min: EQF" + "9" * 5000 + "}}"),
        1,
        "'level': 'EQF999999999999999999999999999999999999…' is not a level",
    ),
    Hostile(
        "level-beyond-scale-portfolio",
        "`EQF99` in a portfolio (the EQF has 8 levels)",
        check(setter("evidence", 0, "level", value="EQF99")),
        2,
        "p.json#/evidence/0/level: error: 'EQF99' is not a level: EQF has levels 1 to 8, so there is no EQF99",
    ),
    Hostile(
        "level-beyond-scale-framework",
        "`{min: EQF9}` in a framework's condition",
        where("{level: {min: EQF9}}"),
        1,
        "'level': EQF has levels 1 to 8, so there is no EQF9",
    ),
    Hostile(
        "nan-bound",
        "`where: {hours: {min: .nan}}`",
        where("{hours: {min: .nan}}"),
        2,
        "fw.yaml:17:28: error: '.nan' is not a finite number",
    ),
    Hostile(
        "infinite-bound",
        "`where: {hours: {max: .inf}}`",
        where("{hours: {max: .inf}}"),
        2,
        "fw.yaml:17:28: error: '.inf' is not a finite number",
    ),
    Hostile(
        "huge-count",
        "`count: 100000000000000000000000000000` (10^29 documents)",
        lambda d: [
            "validate",
            framework_file(d, DIPLOMA.replace("where: WHERE", "count: 100000000000000000000000000000")),
        ],
        1,
        "must be at most 1000",
    ),
    Hostile(
        "full-disk",
        "the report written to a full disk (`> /dev/full`)",
        lambda d: ["check", noloc(d), eligible(d)],
        2,
        "error: cannot write to standard output: No space left on device",
        stdout="full",
    ),
    Hostile(
        "closed-pipe",
        "30 eligible portfolios written into a pipe whose reader has gone (`| head -1`)",
        lambda d: ["check", noloc(d), *[eligible(d, f"e{i}.json") for i in range(30)]],
        141,
        "",
        stdout="closed",
    ),
    Hostile(
        "dev-zero-framework",
        "`/dev/zero` as the framework",
        lambda d: ["validate", "/dev/zero"],
        2,
        "/dev/zero: error: this is a character device, not a regular file",
    ),
    Hostile(
        "dev-urandom-portfolio",
        "`/dev/urandom` as a portfolio",
        lambda d: ["check", noloc(d), "/dev/urandom"],
        2,
        "/dev/urandom: error: this is a character device, not a regular file",
    ),
    Hostile(
        "fifo-portfolio",
        "a FIFO (named pipe) nobody writes to, as a portfolio",
        lambda d: ["check", noloc(d), fifo(d)],
        2,
        "pipe.json: error: this is a named pipe (FIFO), not a regular file",
    ),
    Hostile(
        "fifo-among-five",
        "a FIFO among five portfolios, with --format json",
        five_with(fifo),
        2,
        "pipe.json: error: this is a named pipe (FIFO), not a regular file",
        records=5,
    ),
    Hostile(
        "huge-file",
        "a 2 GiB portfolio file",
        lambda d: ["check", noloc(d), sparse(d)],
        2,
        "huge.json: error: the file is 2 GiB, more than the limit of 10 MiB",
    ),
    Hostile(
        "folder",
        "a folder given as a portfolio",
        lambda d: ["check", noloc(d), "."],
        2,
        ".: error: this is a folder, not a file",
    ),
    Hostile(
        "unreadable-among-five",
        "a file without read permission among five portfolios, with --format json",
        five_with(unreadable),
        2,
        "locked.json: error: cannot read the file: permission denied",
        records=5,
    ),
    Hostile(
        "million-yaml-values",
        "a framework file that is a flat list of 1,000,000 values",
        flat_yaml_list,
        2,
        "the file holds more than 100,000 values, far more than a framework needs",
    ),
    Hostile(
        "many-json-objects",
        "a portfolio of 200,000 empty objects",
        many_json_objects,
        2,
        "objects.json: error: the file holds more than 100,000 values, far more than a portfolio needs",
    ),
    Hostile(
        "size-limit",
        "a framework file larger than `--max-file-size 64k`",
        lambda d: ["check", noloc(d), eligible(d), "--max-file-size", "64k"],
        2,
        # (the size it names is the shipped file's, which changes whenever the framework is edited)
        "more than the limit of 64 KiB — if the file is meant to be this large, raise the limit with --max-file-size",
    ),
    Hostile(
        "bad-size-limit",
        "`--max-file-size lots`",
        lambda d: ["check", noloc(d), eligible(d), "--max-file-size", "lots"],
        2,
        "--max-file-size 'lots' is not a size",
    ),
    Hostile(
        "swapped-arguments",
        "portfolio and framework given the wrong way round",
        lambda d: ["check", eligible(d), noloc(d)],
        2,
        "eligible.json:1:1: error: this looks like a portfolio (it has qualmark_portfolio), not a framework file"
        " — the framework comes first: qualmark check FRAMEWORK PORTFOLIO...",
    ),
    Hostile(
        "framework-as-portfolio",
        "a framework file given where a portfolio goes",
        lambda d: ["check", noloc(d), noloc(d)],
        2,
        "this looks like a framework file: the framework comes first",
    ),
    Hostile(
        "dollar-schema",
        'a portfolio with `"$schema"`, which `qualmark schema` allows',
        check(setter("$schema", value="https://example.org/noloc.schema.json")),
        1,
        "NIET",
        stream="stdout",
    ),
    Hostile(
        "reserved-case-field",
        "a framework declaring a case field named `period`",
        lambda d: ["validate", framework_file(d, "testing:\n  case_fields:\n    period: text\n")],
        1,
        "'period' is a part of every case; do not declare it",
    ),
    Hostile(
        "nfd-field-name",
        "two case fields spelt `financiële` and `financie\u0308le` (NFC and NFD)",
        lambda d: [
            "validate",
            framework_file(d, "testing:\n  case_fields:\n    financiële: text\n    financie\u0308le: text\n"),
        ],
        1,
        "is not in Unicode's composed form (NFC)",
    ),
    Hostile(
        "zero-width-field-name",
        "a case field `sector` and another with a zero-width space after it",
        lambda d: [
            "validate",
            framework_file(d, "testing:\n  case_fields:\n    sector: text\n    sector\u200b: text\n"),
        ],
        1,
        "the field name 'sector\\u200b' holds an invisible character (\\u200b)",
    ),
    Hostile(
        "title-yes",
        "`title: yes`",
        lambda d: ["validate", raw(d, "fw.yaml", HEADER.replace("title: Hostile", "title: yes"))],
        1,
        "YAML reads yes/no/on/off/true/false as true or false; put the value in quotes",
    ),
    Hostile(
        "version-date",
        "`version: 2024-01-01`",
        lambda d: ["validate", raw(d, "fw.yaml", HEADER.replace('version: "1"', "version: 2024-01-01"))],
        1,
        "YAML reads 2024-01-01 as a date; put it in quotes to keep it as text: '2024-01-01'",
    ),
    Hostile(
        "yaml-11-exponent",
        "`{min: 1e308}`, which YAML 1.1 reads as text",
        where("{hours: {min: 1e308}}"),
        1,
        "YAML reads '1e308' as text, not as a number: write 1.0e+308",
    ),
    Hostile(
        "as-of-leap-day",
        "`--as-of 2026-02-29`",
        lambda d: ["check", noloc(d), eligible(d), "--as-of", "2026-02-29"],
        2,
        "--as-of '2026-02-29' is not a date: February 2026 has 28 days",
    ),
    Hostile(
        "rule-through-alias",
        "a rule repeated through a YAML alias (so its id is used twice)",
        lambda d: [
            "validate",
            framework_file(
                d,
                "testing:\n  portfolio_elements: [{id: cv, label: CV}]\n  requirements:\n"
                "    - &cv {id: R1, present: cv}\n    - {id: R2, all_of: [*cv]}\n",
            ),
        ],
        1,
        "fw.yaml:13:25: error: rule 'R1' is repeated through an alias (first at line 12)",
    ),
    Hostile(
        "undecodable-file-name",
        "a portfolio file name that is not UTF-8 (byte 0xFF)",
        odd_file_name,
        0,
        "ELIGIBLE Sanne de Groot — Registered Career Professional (as of 2026-10-01; eligible-\\udcff.json)",
        stream="stdout",
    ),
    Hostile(
        "huge-hex-number",
        "`version: 0xfff…` with 4,000 hex digits",
        lambda d: ["validate", raw(d, "fw.yaml", HEADER.replace('version: "1"', "version: 0x" + "f" * 4000))],
        2,
        "fw.yaml:4:10: error: number has too many digits",
    ),
    Hostile(
        "huge-bound",
        "`where: {hours: {min: 1000…}}` with 400 digits",
        where("{hours: {min: 1" + "0" * 400 + "}}"),
        1,
        "is too large: numbers go up to 1,000,000,000",
    ),
    Hostile(
        "inexact-number",
        "`hours: 1199.99999999999999999`, which a float would round to 1,200",
        lambda d: [
            "check",
            noloc(d),
            raw(
                d,
                "p.json",
                NOLOC_FAILING.read_text(encoding="utf-8").replace(
                    '"hours": 1150', '"hours": 1199.99999999999999999'
                ),
            ),
        ],
        2,
        "'1199.99999999999999999' has more digits than a number can hold exactly",
    ),
    Hostile(
        "fullwidth-digits",
        "`--as-of ２０２６-01-01` (full-width digits)",
        lambda d: ["check", noloc(d), eligible(d), "--as-of", "２０２６-01-01"],
        2,
        "--as-of '２０２６-01-01' is not a date: write YYYY-MM-DD",
    ),
    Hostile(
        "closed-stdout",
        "standard output closed before qualmark starts (`>&-`)",
        lambda d: ["check", noloc(d), eligible(d)],
        2,
        "error: cannot write to standard output: it is closed",
        stdout="absent",
    ),
    Hostile(
        "bidi-in-json",
        "a right-to-left override and a line separator in a name, with --format json",
        check(setter("candidate", "name", value="Anna\u202e\u2028B"), "--format", "json"),
        1,
        '"candidate": "Anna\\u202e\\u2028B"',
        stream="stdout",
    ),
    Hostile(
        "invisible-reflection",
        "an eligible portfolio whose reflections are answered with a zero-width space only",
        lambda d: [
            "check",
            noloc(d),
            portfolio(d, blank_reflections, base=NOLOC_ELIGIBLE),
            "--lang",
            "en",
        ],
        1,
        "INCOMPLETE Sanne de Groot",
        stream="stdout",
    ),
    Hostile(
        "too-many-cases",
        "a portfolio with 1,001 cases",
        many_cases,
        2,
        "p.json#/cases: error: a list of 1,001 items: at most 1,000 are allowed",
    ),
    Hostile(
        "repeated-marks",
        "one task marked not relevant 30 times in one case (each mark repeated in the report)",
        check(marked_again_and_again),
        2,
        "is marked not relevant twice in this case",
    ),
    Hostile(
        "long-case-id",
        "a case id of 5,000 characters (repeated in every explanation of the case)",
        check(setter("cases", 0, "id", value="c" * 5000)),
        2,
        "is too long: at most 100 characters are allowed here",
    ),
    Hostile(
        "long-list",
        "`cases` holding 400,000 zeros (a 781 KiB file)",
        long_list,
        2,
        "p.json: error: the file holds more than 100,000 values, far more than a portfolio needs",
    ),
    Hostile(
        "width-forgery",
        "a name padded with skin-tone modifiers, which rich counts as 0 columns and terminals as 2",
        check(setter("candidate", "name", value="Ann" + "\U0001f3fb" * 32 + "ELIGIBLE Ann"), "--lang", "en"),
        1,
        "NOT ELIGIBLE Ann\\U0001f3fb",
        stream="stdout",
    ),
    Hostile(
        "look-alike-tree",
        "an evidence title padded with spaces and drawing a requirement line with look-alike characters",
        check(setter("evidence", 0, "title", value="BSc" + " " * 60 + "⊢―― ✔ R9 — met"), "--lang", "en"),
        1,
        "⊢―― \\u2714 R9 — met",
        stream="stdout",
    ),
    Hostile(
        "blank-name",
        "a candidate name of no-break spaces",
        check(setter("candidate", "name", value="\u00a0\u3000")),
        2,
        "p.json#/candidate/name: error: '\u00a0\u3000' shows nothing: only spaces or invisible characters",
    ),
    Hostile(
        "base-60",
        "`min_hours: 20:00`, which YAML 1.1 reads as 1,200 in base 60",
        lambda d: [
            "validate",
            framework_file(
                d,
                "testing:\n  experience_activities: [{id: w, label: W}]\n  requirements:\n"
                "    - {id: B, experience: {min_hours: 20:00}}\n",
            ),
        ],
        2,
        "YAML 1.1 reads '20:00' as a number in base 60 (1200)",
    ),
    Hostile(
        "loose-boolean",
        "`advisory: 'y'` (a string, not true)",
        lambda d: [
            "validate",
            framework_file(
                d,
                "testing:\n  portfolio_elements: [{id: cv, label: CV}]\n  requirements:\n"
                "    - {id: P, present: cv, advisory: 'y'}\n",
            ),
        ],
        1,
        "expected true or false, found 'y'",
    ),
    Hostile(
        "bidi-in-usage",
        "an option value with a right-to-left override (a file name from a glob, say)",
        lambda d: ["check", noloc(d), eligible(d), "--format", "x\u202eabc"],
        2,
        "'x\\u202eabc' is not one of 'text', 'json'",
    ),
    Hostile(
        "no-columns",
        "`COLUMNS=0`",
        lambda d: ["check", noloc(d), eligible(d), "--lang", "en", *agreed(d)],
        0,
        "ELIGIBLE Sanne de Groot",
        stream="stdout",
        environment=(("COLUMNS", "0"),),
    ),
    Hostile(
        "ascii-terminal",
        "a terminal that shows only ASCII (`PYTHONIOENCODING=ascii`)",
        lambda d: ["check", noloc(d), eligible(d), "--lang", "en", *agreed(d)],
        0,
        "ELIGIBLE Sanne de Groot \\u2014 Registered Career Professional",
        stream="stdout",
        environment=(("PYTHONIOENCODING", "ascii"),),
    ),
    Hostile(
        "out-is-an-input",
        "`--out` naming the portfolio being checked, spelt another way (the report would replace it)",
        lambda d: ["check", noloc(d), eligible(d), "--format", "json", "--out", "./eligible.json"],
        2,
        "--out eligible.json is one of the inputs: writing there would destroy it",
    ),
    Hostile(
        "batch-of-nothing",
        "a folder holding no portfolio given to `qualmark batch` (a wrong path in a nightly job, say)",
        lambda d: ["batch", noloc(d), "./"],
        2,
        "the folder holds no portfolio: no *.json, *.jsonl or *.ndjson file",
    ),
    Hostile(
        "internal-error",
        "a bug inside qualmark (simulated)",
        lambda d: ["check", noloc(d), eligible(d)],
        3,
        "qualmark: internal error: RuntimeError: simulated bug (please report it",
        crash=True,
    ),
]
