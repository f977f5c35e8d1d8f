"""The annual report in Debian's Chromium: the coordinator opens the dashboard, drills into a
major district, opens the report form, reads the report as a page and downloads it as a PDF,
which poppler's pdftoppm renders; the form and the report pass axe-core."""

import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from luotsi.insights.tests.test_report import build_report_fixture
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_drills_down_and_downloads_the_annual_report(
    page: Page, personas: Personas, tmp_path: Path
):
    build_report_fixture(personas)
    sign_in(page, personas.coordinator.email)

    # The dashboard, then one major district's figures.
    page.goto("/programme/?year=2025")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    page.locator("main").get_by_role("link", name="Eteläinen suurpiiri", exact=True).first.click()
    expect(page).to_have_url("/programme/districts/1/?year=2025")
    expect(page.locator("h1")).to_contain_text("Eteläinen suurpiiri")

    # The report form, from the programme's navigation.
    page.locator("nav.subnav a[href='/programme/report/']").click()
    expect(page).to_have_url("/programme/report/")
    assert_no_axe_violations(page)
    page.locator("#id_year").fill("2025")
    page.locator("#id_scope").select_option("1")
    page.locator("#id_language").select_option("sv")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#report-ready-heading")).to_be_visible()
    assert_no_axe_violations(page)

    # The report as a page, in Swedish although the site is in Finnish.
    page.locator("main a[href^='/programme/report/view/']").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("h1")).to_contain_text("2025")
    expect(page.locator("main")).to_contain_text("Södra stordistriktet")
    expect(page.locator("main h2", has_text="Kostnader")).to_be_visible()
    expect(page.locator("main figure.chart svg").first).to_be_visible()
    assert_no_axe_violations(page)

    # The PDF, downloaded and rendered by poppler.
    with page.expect_download() as download_info:
        page.locator("main a[href^='/programme/report/pdf/']").first.click()
    download = download_info.value
    assert download.suggested_filename == "programme-report-2025-1-sv.pdf"
    pdf = tmp_path / download.suggested_filename
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: run `make test-deps` (poppler-utils)"
    subprocess.run(
        [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    assert pages[0].read_bytes().startswith(b"\x89PNG")
    assert all(png.stat().st_size > 5_000 for png in pages)
