"""Strict YAML for front matter, poll blocks and Marp directives, with line numbers.

PyYAML speaks YAML 1.1, which turns a speaker's `aspect: 16:9` into the integer
969 (sexagesimal) and `options: [Yes, No]` into booleans. Decks are written by
people, not machines, so the loader here resolves only what YAML 1.2 resolves:
decimal numbers, `true`/`false`, `null` and dates. Everything else stays text.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


class DeckYamlLoader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader with YAML 1.2 scalar resolution (see the module docstring)."""


DeckYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL, _INT, _FLOAT)]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
DeckYamlLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
DeckYamlLoader.add_implicit_resolver(
    _INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
DeckYamlLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)

# Characters YAML forbids in a stream (control characters, lone surrogates,
# U+FFFE/U+FFFF). Checked by us first so the error names the exact line.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# YAML counts these as line breaks, editors do not; they would shift line numbers.
_YAML_ONLY_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})


# PyYAML's words for the mistakes speakers make most, and the sentence that says how
# to mend each; any other stays PyYAML's own, after "YAML-Fehler:".
_EXPLAINED = (
    ("mapping values are not allowed", "yaml.colon_in_text"),
    ("cannot start any token", "yaml.tab_indent"),  # a tab where spaces belong
    ("found unexpected end of stream", "yaml.unclosed_quote"),
)


class YamlError(Exception):
    """The block is not valid YAML; `line` is relative to the block (0-based)."""

    def __init__(self, message_id: str, line: int, **params: object) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.line = line
        self.params = params


@dataclass(frozen=True)
class Entry:
    """One `key: value` pair of a mapping, with the key's 0-based line in the block."""

    key: object
    value: Any
    line: int
    # For a value written as a flow list (`[Ja, Nein]`): per item, whether it stands
    # unquoted, so a comma in it could not have been meant as part of the item.
    flow_plain: tuple[bool, ...] = ()


@dataclass(frozen=True)
class Mapping:
    entries: tuple[Entry, ...]
    duplicates: tuple[Entry, ...]  # later entries whose key appeared before


def load_mapping(text: str) -> Mapping | object | None:
    """Parse `text` as YAML.

    Returns a `Mapping` (entries in source order) when the document is a mapping,
    None for an empty document, and the plain value for anything else, so that
    callers can say "must be a mapping" with the right words. Raises YamlError.
    """
    text = _printable(text)
    loader = DeckYamlLoader(text)
    try:
        with _explained(text):
            node = loader.get_single_node()
            if node is None:
                return None
            if not isinstance(node, yaml.MappingNode):
                scalar_or_list: object = loader.construct_object(node, deep=True)
                return scalar_or_list
            entries: list[Entry] = []
            duplicates: list[Entry] = []
            seen: set[object] = set()
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                value = loader.construct_object(value_node, deep=True)
                entry = Entry(key, value, key_node.start_mark.line, _flow_plain(value_node))
                hashable = (
                    key if isinstance(key, str | int | float | bool) or key is None else repr(key)
                )
                if hashable in seen:
                    duplicates.append(entry)
                else:
                    seen.add(hashable)
                    entries.append(entry)
            return Mapping(tuple(entries), tuple(duplicates))
    finally:
        loader.dispose()


def compose(text: str) -> yaml.Node | None:
    """The node tree of `text`, each node with its line (`start_mark.line`, 0-based),
    nothing constructed (for a reader that walks only the shape it expects). None for
    an empty document; raises YamlError as `load_mapping` does."""
    text = _printable(text)
    loader = DeckYamlLoader(text)
    try:
        with _explained(text):
            node: yaml.Node | None = loader.get_single_node()
            return node
    finally:
        loader.dispose()


def _printable(text: str) -> str:
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start())
        raise YamlError("yaml.bad_char", line, char=f"U+{ord(bad.group()):04X}")
    return text.translate(_YAML_ONLY_BREAKS)


@contextlib.contextmanager
def _explained(text: str) -> Iterator[None]:
    """PyYAML's errors as a YamlError on the line to mend."""
    try:
        yield
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # At the end of the block PyYAML points past the last line; the speaker's
        # mistake is on that last line.
        last_line = text.count("\n") - (1 if text.endswith("\n") else 0)
        line = min(mark.line, max(last_line, 0)) if mark is not None else 0
        detail = exc.problem or exc.context or str(exc)
        said = next((mid for words, mid in _EXPLAINED if words in detail), "yaml.syntax")
        raise YamlError(said, line, detail=detail) from None
    except yaml.YAMLError as exc:
        raise YamlError("yaml.syntax", 0, detail=str(exc).splitlines()[0]) from None
    except RecursionError:
        raise YamlError("yaml.too_deep", 0) from None


def _flow_plain(node: yaml.Node) -> tuple[bool, ...]:
    if not isinstance(node, yaml.SequenceNode) or not node.flow_style:
        return ()
    # A plain scalar has no style: None from PyYAML, "" from libyaml.
    return tuple(isinstance(item, yaml.ScalarNode) and not item.style for item in node.value)


# Marp reads its own directives as "loose YAML": a value that does not start
# with one of these is taken as the text it is, so `header: Talk: Part 1`,
# `backgroundColor: #fff` and `footer: ![w:150](logo.png)` mean what they say.
_LOOSE_KEEP = "[\"'{|>~&*"


def _before_comment(value: str) -> str:
    """`value` up to a ` #` comment outside parentheses."""
    depth = 0
    for position, char in enumerate(value):
        depth += (char == "(") - (char == ")")
        if char == "#" and depth <= 0 and position and value[position - 1] in " \t":
            return value[:position].rstrip()
    return value


def loosen(text: str, keys: frozenset[str]) -> str:
    """Quote the plain values of `keys` (and their `_` spot forms), line for line."""
    out: list[str] = []
    for line in text.split("\n"):
        key, colon, value = line.partition(":")
        bare = key.strip().strip("\"'")
        if (
            colon
            and bare.removeprefix("_") in keys
            and value.strip()
            and value.strip()[0] not in _LOOSE_KEEP
        ):
            trimmed = value.strip()
            if "#" in trimmed and not trimmed.startswith("#"):
                # A comment after a value (`theme: gaia # dunkel`) stays a comment; a
                # colour inside parentheses (`linear-gradient(red, #fff)`) is a value.
                trimmed = _before_comment(trimmed)
            escaped = trimmed.replace("\\", "\\\\").replace('"', '\\"')
            line = f'{key}: "{escaped}"'
        out.append(line)
    return "\n".join(out)
