"""report.html for the real seed briefs, opened in headless Chromium: what a reader sees.

The seed briefs are replayed from the recorded cassettes (``seed_briefs``). A failed article whose text
carries a script and an ``onerror`` image is added to check that nothing from an article runs. Needs
/usr/bin/chromium and /usr/bin/chromedriver (apt: chromium chromium-driver); skipped without them,
except under CI=true, where their absence fails. Selenium Manager is kept offline (SE_OFFLINE).
Set REPORT_SCREENSHOT=/some/file.png to keep a screenshot of the page.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from summarizer import Brief
from summarizer.batch.digest import build_digest
from summarizer.batch.report import ReportEntry, render_html

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1", "localhost"])

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROME_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]
HOSTILE_TEXT = (
    "A hostile page.\n<script>window.__pwned = 1; document.title = 'pwned';</script>\n"
    '<img src=x onerror="window.__pwned = 2"> and <b>bold</b> text.'
)
HOSTILE_ERROR = "ModelOutputError: <script>window.__pwned = 3</script>"


@pytest.fixture
def driver(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[WebDriver]:
    """Headless Chromium from the system packages, a fresh profile, no downloads by Selenium Manager."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        reason = f"needs {' and '.join(missing)}: apt-get install chromium chromium-driver"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must install the browser: {reason}", pytrace=False)
        pytest.skip(reason)
    monkeypatch.setenv("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in [*CHROME_ARGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"]:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=str(CHROMEDRIVER), log_output=str(tmp_path / "chromedriver.log"))
    browser = webdriver.Chrome(service=service, options=options)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture
def report(seed_briefs: list[tuple[str, str, Brief]], tmp_path: Path) -> Path:
    entries = [ReportEntry(name, text, brief, None, brief.meta.seconds, False) for name, text, brief in seed_briefs]
    entries.append(ReportEntry("hostile.txt", HOSTILE_TEXT, None, HOSTILE_ERROR, 0.01, False))
    digest = build_digest([(name, brief) for name, _, brief in seed_briefs])
    path = tmp_path / "report.html"
    path.write_text(render_html(entries, digest), encoding="utf-8")
    return path


def _in_viewport(driver: WebDriver, element: object) -> bool:
    return bool(
        driver.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;",
            element,
        )
    )


def test_seed_report_reads_in_a_browser(
    driver: WebDriver, report: Path, seed_briefs: list[tuple[str, str, Brief]]
) -> None:
    driver.get(report.as_uri())
    assert driver.title.startswith("summarizer report")

    for index, (_, _, brief) in enumerate(seed_briefs):
        section = driver.find_element(By.ID, f"a{index}")
        rows = section.find_elements(By.CSS_SELECTOR, "tr.figure-row")
        assert len(rows) == len(brief.figures) > 0
        for row, figure in zip(rows, brief.figures, strict=True):
            assert row.is_displayed() and figure.text in row.text
        items = section.find_elements(By.CSS_SELECTOR, "li.source-item")
        assert len(items) == len(brief.sources) and all(item.is_displayed() for item in items)
        marks = section.find_elements(By.CSS_SELECTOR, ".article-text mark")
        assert marks and all(mark.is_displayed() for mark in marks)
        assert len(section.find_elements(By.CSS_SELECTOR, ".article-text mark[id]")) == len(brief.figures) + len(
            brief.sources
        )

        for i, figure in enumerate(brief.figures):
            link = section.find_element(By.CSS_SELECTOR, f'a[href="#a{index}-fig{i}"]')
            link.click()
            assert driver.current_url.endswith(f"#a{index}-fig{i}")
            target = driver.execute_script("return document.querySelector(':target');")
            assert target is not None and target.tag_name == "mark" and target.get_attribute("id") == f"a{index}-fig{i}"
            assert target.is_displayed() and _in_viewport(driver, target)
            assert " ".join(target.text.split()) in " ".join(figure.quote.split())
            assert figure.text in target.text  # the number as written is inside its highlight...
            numbers = target.find_elements(By.CSS_SELECTOR, "strong.num")
            assert any(n.text == figure.text for n in numbers)  # ... and emphasised there
        for j in range(len(brief.sources)):
            target = driver.find_element(By.ID, f"a{index}-src{j}")
            assert target.tag_name == "mark" and target.is_displayed()

    # Nothing from an article runs; it reads as text.
    assert driver.execute_script("return window.__pwned === undefined;")
    assert driver.title != "pwned"
    hostile = driver.find_element(By.ID, f"a{len(seed_briefs)}")
    assert not hostile.find_elements(By.CSS_SELECTOR, "script, img, b")
    assert "<script>window.__pwned = 1;" in hostile.text and "<img src=x onerror=" in hostile.text
    failures = driver.find_element(By.ID, "failures")
    assert failures.is_displayed() and HOSTILE_ERROR in failures.text

    digest = driver.find_element(By.ID, "digest")
    assert digest.is_displayed() and "conflict: " in digest.text

    driver.execute_script("window.scrollTo(0, 0);")
    driver.save_screenshot(str(report.with_suffix(".png")))
    if keep := os.environ.get("REPORT_SCREENSHOT"):
        driver.save_screenshot(keep)
    severe = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
    assert not severe, severe
