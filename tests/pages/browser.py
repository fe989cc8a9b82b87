"""Helpers for the browser tests: sign in, and the checks every page must pass.

``PageChecker.check(page, name)`` runs axe-core (no serious or critical violations), checks
that every visible form control has a label, that the page fits a 390-px-wide viewport
without horizontal scrolling, that no JavaScript console error was logged, and saves
desktop and phone screenshots under test-artifacts/screenshots/.
"""

from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's password

# Controls without a label: a <label for>, a wrapping label, aria-label or aria-labelledby.
UNLABELLED_JS = """() => Array.from(document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea'))
  .filter(el => el.offsetParent !== null || el.type === 'file')
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby'))
  .map(el => el.outerHTML.slice(0, 120))"""

# The elements sticking out of the viewport, to say what broke the phone layout.
WIDE_JS = """() => Array.from(document.querySelectorAll('body *'))
  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(0, 5).map(el => el.tagName + '.' + el.className + ' ' +
                       el.getBoundingClientRect().right)"""


def sign_in(page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form and land on the dashboard."""
    page.goto(f"{base_url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/")


class PageChecker:
    """Collects console errors of a page and runs the per-page checks."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.allowed: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.axe = Axe()

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def allow_console(self, fragment: str) -> None:
        """Expect one kind of console message (e.g. the 403 status of a refused page)."""
        self.allowed.append(fragment)

    def check(self, name: str) -> None:
        """Every page: axe, labels, 390-px width, no console errors; screenshots saved."""
        page = self.page
        page.wait_for_load_state("networkidle")
        results = self.axe.run(page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{name}: axe violations {serious}"
        unlabelled = page.evaluate(UNLABELLED_JS)
        assert not unlabelled, f"{name}: controls without a label {unlabelled}"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        page.set_viewport_size(PHONE)
        try:
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            wide = page.evaluate(WIDE_JS) if overflow > 1 else []
            assert overflow <= 1, f"{name}: {overflow}px wider than a 390-px phone screen {wide}"
            page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)
        finally:
            page.set_viewport_size(DESKTOP)
        errors = [e for e in self.errors if not any(a in e for a in self.allowed)]
        assert not errors, f"{name}: JavaScript console errors {errors}"
