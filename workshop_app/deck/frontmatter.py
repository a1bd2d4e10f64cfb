"""The deck's front matter and Marp's directives.

Our keys are checked strictly (a wrong value is an error). Marp's keys are
accepted so that an existing Marp deck opens as it is; those Impuls does not
use produce a warning, never an error, and so does an unknown key (with the
closest known key as a hint), because Marp itself ignores unknown keys.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from workshop_app.deck import yamlblock
from workshop_app.deck.model import THEMES, Aspect, DeckMeta
from workshop_app.deck.report import Reporter, unknown_key
from workshop_app.i18n import Lang

TEXT_KEYS = ("title", "subtitle", "author", "event", "date", "header", "footer")
OUR_KEYS = frozenset({*TEXT_KEYS, "lang", "theme", "duration", "aspect", "paginate", "class"})
# `marp: true` only switches Marp on in editors; it means nothing else.
MARP_SILENT = frozenset({"marp", "size"})
MARP_UNUSED = frozenset(
    {
        "style", "headingDivider", "math", "description", "image", "url", "transition",
        "backgroundColor", "backgroundImage", "backgroundPosition", "backgroundRepeat",
        "backgroundSize", "color",
    }
)  # fmt: skip
KNOWN_KEYS = OUR_KEYS | MARP_SILENT | MARP_UNUSED

MARP_THEMES = {"default": "light", "gaia": "dark", "uncover": "light"}
MAX_DURATION_MINUTES = 24 * 60

# Marp directives that may appear in HTML comments: local ones apply to this and
# the following slides, their `_` spot forms to this slide only.
USED_LOCAL_DIRECTIVES = frozenset(
    {"class", "paginate", "header", "footer", "backgroundColor", "backgroundImage", "color"}
)
UNUSED_LOCAL_DIRECTIVES = frozenset({"backgroundPosition", "backgroundRepeat", "backgroundSize"})
GLOBAL_DIRECTIVES = frozenset(
    {"theme", "style", "headingDivider", "size", "math", "lang", "marp", "title", "author",
     "description", "image", "url", "transition"}
)  # fmt: skip
LOCAL_DIRECTIVES = USED_LOCAL_DIRECTIVES | UNUSED_LOCAL_DIRECTIVES


@dataclass
class FrontMatter:
    meta: DeckMeta
    directives: dict[str, object] = field(default_factory=dict)  # Marp defaults for slides


def read_front_matter(text: str | None, closed: bool, report: Reporter) -> FrontMatter:
    """Validate the YAML between the leading `---` lines (line 1 opens it)."""
    if text is None:
        return FrontMatter(DeckMeta())
    if not closed:
        report.error(1, "frontmatter.unclosed")
        return FrontMatter(DeckMeta())
    try:
        loaded = yamlblock.load_mapping(text)
    except yamlblock.YamlError as problem:
        report.error(2 + problem.line, problem.message_id, **problem.params)
        return FrontMatter(DeckMeta())
    if loaded is None:
        return FrontMatter(DeckMeta())
    if not isinstance(loaded, yamlblock.Mapping):
        report.error(2, "frontmatter.not_mapping")
        return FrontMatter(DeckMeta())
    return _Reader(loaded, report).read()


class _Reader:
    def __init__(self, mapping: yamlblock.Mapping, report: Reporter) -> None:
        self.report = report
        self.values: dict[str, object] = {}
        self.lines: dict[str, int] = {}
        for dup in mapping.duplicates:
            report.error(2 + dup.line, "yaml.duplicate_key", key=str(dup.key))
        for entry in mapping.entries:
            key, line = str(entry.key), 2 + entry.line
            if key in MARP_UNUSED:
                report.warning(line, "frontmatter.marp_unused", key=key)
            elif key not in KNOWN_KEYS:
                message_id, params = unknown_key("frontmatter", key, KNOWN_KEYS)
                report.warning(line, message_id, **params)
            else:
                self.values[key] = entry.value
                self.lines[key] = line

    def read(self) -> FrontMatter:
        texts = {key: self._text(key) for key in TEXT_KEYS}
        meta = DeckMeta(
            **texts,
            lang=self._lang(),
            theme=self._theme(),
            duration_minutes=self._duration(),
            aspect=self._aspect(),
            paginate=self._flag("paginate"),
        )
        directives: dict[str, object] = {}
        css_class = self._text("class")
        if css_class:
            directives["class"] = css_class
        return FrontMatter(meta, directives)

    def _text(self, key: str) -> str:
        value = self.values.get(key)
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self._error(key, "frontmatter.expected_text", key=key)
            return ""
        return str(value).strip()

    def _flag(self, key: str) -> bool:
        value = self.values.get(key, False)
        if not isinstance(value, bool):
            self._error(key, "frontmatter.expected_flag", key=key)
            return False
        return value

    def _lang(self) -> Lang:
        value = self._text("lang")
        if not value:
            return Lang.DE
        short = value.lower().split("-")[0].split("_")[0]
        try:
            return Lang(short)
        except ValueError:
            # Marp accepts any language tag; we present in German or English.
            self.report.warning(self.lines["lang"], "frontmatter.lang_unsupported", lang=value)
            return Lang.DE

    def _theme(self) -> str:
        value = self._text("theme")
        if not value:
            return THEMES[0]
        if value in THEMES:
            return value
        if value in MARP_THEMES:
            return MARP_THEMES[value]
        self.report.warning(
            self.lines["theme"], "frontmatter.unknown_theme", theme=value, themes=", ".join(THEMES)
        )
        return THEMES[0]

    def _duration(self) -> int | None:
        value = self.values.get("duration")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._error("duration", "frontmatter.bad_duration", most=MAX_DURATION_MINUTES)
            return None
        if not 1 <= value <= MAX_DURATION_MINUTES:
            self._error("duration", "frontmatter.bad_duration", most=MAX_DURATION_MINUTES)
            return None
        return value

    def _aspect(self) -> Aspect:
        key = "aspect" if "aspect" in self.values else "size"
        value = self._text(key)
        if not value:
            return Aspect.WIDE
        try:
            return Aspect(value.replace(" ", ""))
        except ValueError:
            if key == "size":  # Marp themes may define sizes of their own
                self.report.warning(self.lines[key], "frontmatter.size_unsupported", value=value)
            else:
                self._error(key, "frontmatter.bad_aspect", key=key, value=value)
            return Aspect.WIDE

    def _error(self, key: str, message_id: str, /, **params: object) -> None:
        self.report.error(self.lines.get(key, 1), message_id, **params)
