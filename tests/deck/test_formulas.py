"""Formulas: a mistake in the TeX is the speaker's to fix; a bug of ours is not hidden as one."""

from __future__ import annotations

import pytest

from workshop_app.deck.formulas import inline_markup, readable, typeset

# Broken formulas of every kind the two libraries complain about (found by feeding
# them thousands): each is a mistake `check` reports at its line, never a crash.
MISTAKES = [
    r"\frac{1}",  # ziamath: an assertion
    r"x^",  # nothing to raise
    r"{",  # no closing brace
    r"\right)",  # a right without a left
    r"\begin{array}{c",  # no end
    r"a & b",  # an & outside a table: MathML that is not XML
    r"\substack\alpha&",  # ziamath: a value error
    r"\text{}\hspace{_x{(",  # ziamath: an index error
    r"\over<[<[[",  # no numerator
    r"\hatx<^[^",  # a second superscript
]


@pytest.mark.parametrize("tex", MISTAKES)
def test_a_mistake_in_a_formula_is_reported_not_raised(tex: str) -> None:
    assert typeset(tex, 24, "#000000", display=False) is None
    assert not readable(tex)


def test_a_formula_that_reads_is_typeset() -> None:
    formula = typeset(r"E = mc^2", 24, "#000000", display=False)
    assert formula is not None and formula.width > 0
    assert inline_markup(r"x^2") == "<i>x</i><super>2</super>"


def test_a_bug_in_our_call_is_raised_not_taken_for_a_mistake_in_the_tex() -> None:
    # Before, every exception read as "this formula has a mistake".
    with pytest.raises(TypeError):
        typeset("x", 24, 5, display=False)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        inline_markup(123)  # type: ignore[arg-type]
