"""Headless Debian Chromium through playwright: one browser for the whole test run."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Playwright, expect, sync_playwright

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


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    expect.set_options(timeout=EXPECT_MS)
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "Debian's chromium is missing; `python3 tools/bootstrap.py test` installs it"
            " (or: sudo apt-get install -y --no-install-recommends chromium)"
        )
    launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
    yield launched
    launched.close()
