"""The HTML reports as a browser renders them: headless Chromium (Debian's package) driven by Selenium.

`make test` installs what these need (Debian's chromium and chromium-driver, axe-core from npm
into tests/browser/node_modules) and runs them; without them they fail and say how to install
them. Screenshots and a print PDF of each report are saved under build/browser/ for a person to
look at.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions
from tests.conftest import EXAMPLES, FRAMEWORKS, ROOT

from qualmark import load_framework, load_portfolio
from qualmark.evaluate import Evaluation

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
OUTPUT = ROOT / "build" / "browser"
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER, AXE) if not p.exists()]
    assert not missing, (
        f"missing {', '.join(missing)}: run `make browser` (Debian chromium, chromium-driver; npm ci)"
    )
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def evaluation(name: str, example: str) -> Evaluation:
    framework = load_framework(FRAMEWORKS / f"{name}.yaml")
    return framework.evaluate(load_portfolio(EXAMPLES / name / example, framework))


def open_report(driver: webdriver.Chrome, html: str, name: str, width: int = WIDTHS["desktop"]) -> Path:
    path = OUTPUT / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    driver.set_window_size(width, 1000)
    driver.get(path.as_uri())
    return path


def save(driver: webdriver.Chrome, name: str) -> None:
    """A full-page screenshot and the page as printed (PDF)."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.execute_script("return document.documentElement.clientWidth")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
    )
    (OUTPUT / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
    options = PrintOptions()
    options.background = True
    (OUTPUT / f"{name}.pdf").write_bytes(base64.b64decode(driver.print_page(options)))


def overflow(driver: webdriver.Chrome) -> int:
    """How many pixels the page is wider than the window (0: no horizontal scrolling)."""
    width: int = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return width


def serious_violations(driver: webdriver.Chrome) -> list[dict[str, Any]]:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r)).catch(e => done({error: String(e)}));"
    )
    assert "error" not in result, result
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:120] for n in v["nodes"][:3]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("audience", ["candidate", "assessor"])
def test_a_failing_noloc_report_renders_its_verdict_rows_and_matrices(
    browser: webdriver.Chrome, audience: str
) -> None:
    result = evaluation("noloc-register-loopbaanprofessional", "fail-b1-hours.json")
    name = f"noloc-fail-b1-hours-{audience}"
    open_report(browser, result.render("html", "en", audience), name)
    verdict = browser.find_element(By.CSS_SELECTOR, ".verdict")
    assert verdict.is_displayed() and verdict.text == "Verdict: Not eligible"
    rows = browser.find_elements(By.CSS_SELECTOR, "tr[data-rule]")
    assert [r.get_attribute("data-rule") for r in rows] == [
        o.rule_id for root in result.outcomes for o in root.walk()
    ]
    hours = next(r for r in rows if r.get_attribute("data-rule") == "B1-uren")
    assert "1,150 hours: 50 short of 1,200" in hours.text and "50 more qualifying hours" in hours.text
    todo = browser.find_element(By.CSS_SELECTOR, "ul.todo").text
    assert todo == "50 more qualifying hours"
    tasks = browser.find_elements(By.CSS_SELECTOR, "table[data-vocabulary='tasks'] tbody td")
    assert len(tasks) == 8 * 2 and sum("not relevant (motivated)" in t.text for t in tasks) == 1
    forms = browser.find_elements(By.CSS_SELECTOR, "table.judgement")
    assert len(forms) == (2 if audience == "assessor" else 0)
    save(browser, name)


@pytest.mark.parametrize(
    ("name", "example"),
    [
        ("noloc-register-loopbaanprofessional", "fail-a3-evc-too-old.json"),
        ("estqf-career-specialist-7", "eligible.json"),
    ],
)
@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_horizontal_overflow_and_no_serious_accessibility_violation(
    browser: webdriver.Chrome, name: str, example: str, width: str
) -> None:
    result = evaluation(name, example)
    open_report(
        browser,
        result.render("html", "en", "assessor"),
        f"{name}-{Path(example).stem}-{width}",
        WIDTHS[width],
    )
    assert overflow(browser) <= 0
    assert serious_violations(browser) == []
    if width == "phone":
        save(browser, f"{name}-{Path(example).stem}-phone")


def test_several_portfolios_print_one_per_page(browser: webdriver.Chrome) -> None:
    from qualmark.report.documents import document
    from qualmark.report.page import page

    pages = [
        page(evaluation("noloc-register-loopbaanprofessional", e), "en")
        for e in ("eligible.json", "fail-b1-hours.json")
    ]
    open_report(browser, document("html", pages, lang="en"), "noloc-two-portfolios")
    sections = browser.find_elements(By.CSS_SELECTOR, "section.portfolio")
    assert len(sections) == 2
    # the print style sheet starts the second portfolio on a new page
    breaks = browser.execute_script(
        "const rule = [...document.styleSheets[0].cssRules].find(r => r.media && r.media.mediaText === 'print');"
        "return [...rule.cssRules].map(r => r.cssText).join(' ');"
    )
    assert "break-before: page" in breaks
    save(browser, "noloc-two-portfolios")
    pdf = (OUTPUT / "noloc-two-portfolios.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= 2  # a page (at least) for each portfolio


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_noloc_handbook_renders_its_sections_readably(browser: webdriver.Chrome, width: str) -> None:
    framework = load_framework(FRAMEWORKS / "noloc-register-loopbaanprofessional.yaml")
    name = f"noloc-handbook-{width}"
    open_report(browser, framework.handbook("html", "nl"), name, WIDTHS[width])
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "main h2")]
    assert headings == [
        "Over dit keurmerk",
        "De QUAL-IM-G-vragen beantwoord",
        "Profiel",
        "Het portfolio",
        "Eisen",
    ]
    counts = {
        v.get_attribute("data-vocabulary"): len(v.find_elements(By.CSS_SELECTOR, "article.item"))
        for v in browser.find_elements(By.CSS_SELECTOR, "section.vocabulary")
    }
    assert counts == {"tasks": 8, "knowledge_areas": 5, "competences": 5, "attitude": 4}
    task0 = browser.find_element(By.CSS_SELECTOR, "article[data-item='t0-procestaken']")
    assert len(task0.find_elements(By.CSS_SELECTOR, "ul.indicators li")) == 6
    assert "Deel III, Ad C.1, taak 0" in task0.text
    rows = browser.find_elements(By.CSS_SELECTOR, "tr[data-rule]")
    assert [r.get_attribute("data-rule") for r in rows] == [
        r.header.id for top in framework.rules for r in top.walk()
    ]
    hours = next(r for r in rows if r.get_attribute("data-rule") == "B1-uren")
    assert (
        "minimaal 1.200 uur beroepsgerichte werkervaring" in hours.text and "Deel III, Ad B, B1" in hours.text
    )
    assert overflow(browser) <= 0
    assert serious_violations(browser) == []
    save(browser, name)
