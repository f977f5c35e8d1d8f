"""Run axe-core in the page. The script is the axe.min.js that the axe-playwright-python
wheel ships, so nothing is fetched from the internet at test time."""

from pathlib import Path
from typing import Any

import axe_playwright_python
from playwright.sync_api import Page

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()

_RUN = """async () => {
  const result = await axe.run(document);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
  }));
}"""


def axe_violations(page: Page) -> list[dict[str, Any]]:
    # Evaluated through the DevTools protocol, so the page's CSP does not block it.
    page.evaluate(AXE_SOURCE)
    violations: list[dict[str, Any]] = page.evaluate(_RUN)
    return violations


def assert_no_axe_violations(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe-core violations on {page.url}: {violations}"
