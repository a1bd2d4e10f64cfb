"""Collects the problems found while reading one deck."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

from workshop_app.deck.model import Problem, Severity


def close_matches(word: str, known: Iterable[str]) -> list[str]:
    """The nearest spelling among `known`, if one is close: difflib's, imported where a
    deck has a mistake to name, not by every deck read."""
    import difflib

    return difflib.get_close_matches(word, list(known), n=1)


class Reporter:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, line: int | None, message_id: str, /, **params: object) -> None:
        self._add(Severity.ERROR, line, message_id, params)

    def warning(self, line: int | None, message_id: str, /, **params: object) -> None:
        self._add(Severity.WARNING, line, message_id, params)

    @property
    def has_errors(self) -> bool:
        return any(problem.severity is Severity.ERROR for problem in self.problems)

    def _add(
        self, severity: Severity, line: int | None, message_id: str, params: dict[str, object]
    ) -> None:
        self.problems.append(
            Problem(severity, message_id, line, MappingProxyType(params), self.path)
        )


def unknown_key(
    prefix: str, key: str, known: Iterable[str], synonyms: Mapping[str, str] | None = None
) -> tuple[str, dict[str, object]]:
    """Message id and parameters for an unknown key, with "did you mean" when one is close
    in spelling or, by `synonyms`, in meaning (`answers:` for `options:`)."""
    meant = (synonyms or {}).get(key.lower())
    if meant is not None:
        return f"{prefix}.unknown_key_hint", {"key": key, "hint": meant}
    close = close_matches(key, sorted(known))
    if close:
        return f"{prefix}.unknown_key_hint", {"key": key, "hint": close[0]}
    return f"{prefix}.unknown_key", {"key": key}
