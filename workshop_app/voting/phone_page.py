"""The phone page as phones receive it: minified once when the server starts, and
gzipped for the browsers that accept it (all current ones do).

The sources in resources/phone stay readable, comments and all; what a phone on
venue Wi-Fi downloads is a third of them. minify-html does the minifying: its
JavaScript minifier (oxc) parses the code. rJSmin, a regex-based one, was tried
first and changed the visible text of a nested template literal.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache

import minify_html

from workshop_app.paths import RESOURCES_DIR

HTML, JS, CSS = (
    "text/html; charset=utf-8",
    "text/javascript; charset=utf-8",
    "text/css; charset=utf-8",
)


def _files(page: str, home: str) -> tuple[tuple[str, str, str], ...]:
    """A page's files: (route, file name, type); the page's folder is its name."""
    return ((home, "index.html", HTML), (f"/{page}.js", f"{page}.js", JS),
            (f"/{page}.css", f"{page}.css", CSS))  # fmt: skip


PAGES = {"phone": _files("phone", "/"), "remote": _files("remote", "/remote")}
PHONE_DIR = RESOURCES_DIR / "phone"


@dataclass(frozen=True)
class Served:
    body: bytes  # minified
    gzipped: bytes  # the same, compressed once (level 9: it is done once per start)
    kind: str


def _minified(name: str, source: str) -> str:
    if name.endswith(".js"):
        # The minifier reads a script as a module, which is strict anyway, and drops the
        # directive; a classic script needs it back to stay strict.
        inner = minify_html.minify(f"<script>{source}</script>", minify_js=True)
        return '"use strict";' + inner.removeprefix("<script>").removesuffix("</script>")
    if name.endswith(".css"):
        inner = minify_html.minify(f"<style>{source}</style>", minify_css=True)
        return inner.removeprefix("<style>").removesuffix("</style>")
    return minify_html.minify(source)


@cache
def served_files(page: str = "phone") -> dict[str, Served]:
    """Route → what is sent, for every file of the page (the participants' or the remote)."""
    files = {}
    for route, name, kind in PAGES[page]:
        source = (RESOURCES_DIR / page / name).read_text(encoding="utf-8")
        body = _minified(name, source).encode("utf-8")
        files[route] = Served(body, gzip.compress(body, 9, mtime=0), kind)
    return files


def page_bytes() -> tuple[int, int, int]:
    """(source, served, gzipped) bytes of the whole page: the benchmark's figures."""
    source = sum((PHONE_DIR / name).stat().st_size for _, name, _ in PAGES["phone"])
    served = served_files().values()
    return source, sum(len(s.body) for s in served), sum(len(s.gzipped) for s in served)
