"""Headless Debian Chromium through playwright: one browser for the whole test run."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

# Nothing in the browser may phone home while the tests watch the network.
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
    "--disable-domain-reliability", "--disable-features=MediaRouter,OptimizationHints,Translate",
]  # fmt: skip


# How long an expectation on a page waits for it to come true: Playwright's 5 s can
# pass on a busy machine before a phone has repainted. A check that holds returns at
# once, so only a failing one waits this long.
EXPECT_MS = 30_000


def chromium_missing() -> str | None:
    """Why the tests marked `chromium` cannot run here, or None when they can."""
    if shutil.which("chromium") is None:
        return (
            "Debian's chromium is missing; `python3 tools/bootstrap.py test` installs it"
            " (or: sudo apt-get install -y --no-install-recommends chromium)"
        )
    return None


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    expect.set_options(timeout=EXPECT_MS)
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:  # tests/conftest.py skips the tests marked `chromium` before this
        pytest.fail(chromium_missing() or "")
    launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
    yield launched
    launched.close()


def pump_until(page: Page, condition: Callable[[], bool], seconds: float = 30.0) -> None:
    """Wait for `condition`, letting Playwright deliver the page's events meanwhile.

    Route and request handlers run only while the test waits on the page, so a
    plain loop on `condition` would never see them; each short wait pumps them.
    """
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s"
        page.wait_for_timeout(20)


def text(page: Page, selector: str) -> str:
    return page.locator(selector).text_content() or ""
