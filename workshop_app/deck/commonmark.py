"""CommonMark's list and table rules, told to Python-Markdown in its own terms.

Marp parses with markdown-it, a CommonMark parser; Python-Markdown follows the
original Markdown.pl. Two differences break real Marp decks: CommonMark nests a
list item under another when it is indented at least to the parent's content
(two spaces under `- `, three under `1. `, four works too), where Python-Markdown
wants exactly four spaces per level; and CommonMark lets a list or a table start
right under a line of text, where Python-Markdown wants a blank line first. This
preprocessor re-indents list lines to Python-Markdown's four spaces per level,
by CommonMark's rule, and puts the blank line in. It changes white space only.
"""

from __future__ import annotations

import re

from markdown.preprocessors import Preprocessor

_ITEM = re.compile(r"( *)([-*+]|\d{1,9}[.)])( +|$)(.*)")
_ITEM_STARTS = frozenset("-*+0123456789")
_MAYBE_BLOCK = re.compile(r" *(?:[-*+]|\d{1,9}[.)])(?: |$)")
_TABLE_DELIMITER = re.compile(r" {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*")
_FENCE = re.compile(r" *(`{3,}|~{3,})")
_BREAKS_PARAGRAPH = re.compile(r" {0,3}(?:#{1,6}(?:\s|$)|>|\|)")


class CommonMarkBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if not any(_MAYBE_BLOCK.match(line) or "|" in line for line in lines):
            return lines  # no list and no table: nothing to tell Python-Markdown
        out: list[str] = []
        append = out.append
        stack: list[int] = []  # the column where each open item's text starts
        text_before = False  # the previous line is paragraph text outside a list
        blank_before = True
        fence: str | None = None
        for index, raw in enumerate(lines):
            line = raw.expandtabs(4) if "\t" in raw else raw
            content = line.lstrip(" ")
            indent = len(line) - len(content)
            if fence is not None:  # a fence inside a list item: re-indent, never parse
                append(_inside(content, indent, stack))
                if content.startswith(fence):
                    fence = None
                continue
            if not content or content.isspace():
                append("")
                blank_before, text_before = True, False
                continue
            item = _ITEM.fullmatch(line) if content[0] in _ITEM_STARTS else None
            if item is not None and (stack or indent <= 3) and not _is_rule(line):
                while stack and indent < stack[-1]:
                    stack.pop()
                marker, gap = item.group(2), item.group(3)
                if (
                    not stack
                    and text_before
                    and not (marker[0].isdigit() and int(marker[:-1]) != 1)
                ):
                    append("")  # CommonMark: a list may interrupt a paragraph
                # CommonMark's `1)`, which Python-Markdown lacks, becomes `1.`.
                append(f"{'    ' * len(stack)}{marker.replace(')', '.')} {item.group(4)}")
                stack.append(indent + len(marker) + (len(gap) if 1 <= len(gap) <= 4 else 1))
                text_before = blank_before = False
                continue
            if stack:
                if blank_before and indent < stack[0]:
                    stack.clear()  # the list has ended
                else:
                    append(_inside(content, indent, stack))
                    fence_match = _FENCE.match(line)
                    if fence_match is not None:
                        fence = fence_match.group(1)[0] * 3
                    blank_before = False
                    continue
            if (
                text_before
                and "|" in line
                and index + 1 < len(lines)
                and _TABLE_DELIMITER.fullmatch(lines[index + 1])
            ):
                append("")  # GFM: a table may interrupt a paragraph
            append(raw)
            text_before = _BREAKS_PARAGRAPH.match(line) is None
            blank_before = False
        return out


def _inside(content: str, indent: int, stack: list[int]) -> str:
    """A line inside a list item, at Python-Markdown's indentation for its level."""
    for depth in range(len(stack) - 1, -1, -1):
        if indent >= stack[depth]:
            return " " * (4 * (depth + 1) + indent - stack[depth]) + content
    return " " * indent + content  # lazy continuation: Python-Markdown joins it to the paragraph


def _is_rule(line: str) -> bool:
    stripped = line.replace(" ", "")
    return len(stripped) >= 3 and len(set(stripped)) == 1 and stripped[0] in "-*_"


_DISPLAY_MATH_LINE = re.compile(r" {0,3}\$\$(?!\$).*\S.*\$\$[ \t]*")


class DisplayMathLines(Preprocessor):
    """A `$$…$$` line inside a paragraph is displayed math, as Marp shows it.

    Marp's math plugin reads `$$` anywhere as a displayed formula; arithmatex only
    where it stands alone between blank lines, and reads it mid-paragraph as `$`
    plus inline math plus `$`. The blank lines are put in for it.
    """

    def run(self, lines: list[str]) -> list[str]:
        if not any("$$" in line for line in lines):
            return lines
        out: list[str] = []
        for line in lines:
            if _DISPLAY_MATH_LINE.fullmatch(line):
                if out and out[-1].strip():
                    out.append("")
                out.extend((line.strip(), ""))
            else:
                out.append(line)
        return out
