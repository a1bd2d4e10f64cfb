"""An evening's program: read strictly, written back as it reads, its sessions apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.sessions import evening_files
from workshop_app.deck.model import Severity
from workshop_app.session.paths import sessions_dir
from workshop_app.session.program import (
    MAX_PROGRAM_BYTES,
    MAX_TALKS,
    Program,
    ProgramError,
    Talk,
    check_program,
    deck_file,
    evening_anchor,
    is_program_file,
    load_program,
    program_text,
    relative_deck,
    save_program,
    talk_sessions,
    talk_titles,
)
from workshop_app.session.questions import clean_text
from workshop_app.session.room_code import code_path


def _errors(path: Path) -> list[tuple[int | None, str]]:
    program, problems = check_program(path)
    errors = [(p.line, p.message_id) for p in problems if p.severity is Severity.ERROR]
    assert (program is None) == bool(errors)
    return errors


def test_a_program_reads_as_the_organizer_wrote_it(tmp_path: Path) -> None:
    program = load_program(evening_files(tmp_path))
    assert program == Program(
        "Jahresversammlung 2026",
        date(2026, 12, 7),
        "Vereinsheim am Markt",
        (
            Talk("begruessung.md", "Anna Muster"),
            Talk("vortraege/kasse.md", "Bernd Beispiel", "Kassenbericht"),
            Talk("ausblick.md", "Carla Chor"),
        ),
    )
    assert program.talks[0].shown_title("Willkommen!") == "Willkommen!"
    assert program.talks[0].shown_title(None) == "begruessung"
    assert program.talks[1].shown_title("Kasse") == "Kassenbericht"
    assert (
        deck_file(tmp_path / "jahresversammlung.impuls-abend", program.talks[1])
        == (tmp_path / "vortraege" / "kasse.md").resolve()
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: A\ndate: 2026-12-07\nort: X\n", [(3, "program.unknown_key")]),
        ("title: A\ndate: 2026-12-07\ntalk: []\n", [(3, "program.unknown_key_hint")]),
        ("date: 2026-12-07\n", [(1, "program.no_title")]),
        ("title: A\n", [(1, "program.no_date")]),
        ("title: A\ndate: 7. Dezember\n", [(2, "program.bad_date")]),
        ("title: A\ndate: 2026-02-30\n", [(2, "program.bad_date")]),
        ("title: [A, B]\ndate: 2026-12-07\n", [(1, "program.not_text"), (1, "program.no_title")]),
        (
            f"title: {'x' * 201}\ndate: 2026-12-07\n",
            [(1, "program.text_too_long"), (1, "program.no_title")],
        ),
        ("title: A\ndate: 2026-12-07\ntitle: B\n", [(3, "yaml.duplicate_key")]),
        ("- a\n- b\n", [(1, "program.not_mapping")]),
        ("title: A\ndate: 2026-12-07\ntalks: begruessung.md\n", [(3, "program.talks_not_list")]),
        (
            "title: A\ndate: 2026-12-07\ntalks:\n- begruessung.md\n",
            [(4, "program.talk_not_mapping")],
        ),
        ("title: A\ndate: 2026-12-07\ntalks:\n- speaker: Anna\n", [(4, "program.no_deck")]),
        (
            "title: A\ndate: 2026-12-07\ntalks:\n- deck: begruessung.md\n  sprecher: X\n",
            [(5, "slot.unknown_key_hint")],
        ),
        (
            "title: A\ndate: 2026-12-07\ntalks:\n- deck: ../geheim.md\n",
            [(4, "program.deck_outside")],
        ),
        (
            "title: A\ndate: 2026-12-07\ntalks:\n- deck: /etc/passwd.md\n",
            [(4, "program.deck_absolute")],
        ),
        (
            "title: A\ndate: 2026-12-07\ntalks:\n- deck: C:\\\\x.md\n",
            [(4, "program.deck_absolute")],
        ),
        (
            "title: A\ndate: 2026-12-07\ntalks:\n- deck: //server/share/x.md\n",
            [(4, "program.deck_absolute")],
        ),
        (
            "title: A\ndate: 2026-12-07\ntalks:\n- deck: https://example.org/x.md\n",
            [(4, "program.deck_url")],
        ),
        ("title: A\ndate: 2026-12-07\ntalks:\n- deck: notizen.txt\n", [(4, "program.not_a_deck")]),
        (
            "title: A\ndate: 2026-12-07\ntalks:\n- deck: begruessung.md\n  speaker: {a: b}\n",
            [(5, "program.not_text")],
        ),
        ("title: 'A\ndate: 2026-12-07\n", [(2, "yaml.unclosed_quote")]),
        ("title: A\x07\n", [(1, "yaml.bad_char")]),
    ],
)
def test_every_mistake_is_named_with_its_line(
    tmp_path: Path, text: str, expected: list[tuple[int, str]]
) -> None:
    assert _errors(evening_files(tmp_path, text)) == expected


def test_a_missing_deck_is_a_warning_and_the_program_still_reads(tmp_path: Path) -> None:
    path = evening_files(tmp_path, "title: A\ndate: 2026-12-07\ntalks:\n- deck: spaeter.md\n")
    program, problems = check_program(path)
    assert program is not None and program.talks == (Talk("spaeter.md"),)
    assert [(p.severity, p.line, p.message_id) for p in problems] == [
        (Severity.WARNING, 4, "program.deck_missing")
    ]
    assert "jahresversammlung.impuls-abend:4" in problems[0].format()


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "privat"
    outside.mkdir()
    (outside / "geheim.md").write_text("# geheim\n", encoding="utf-8")
    evening = tmp_path / "abend"
    evening.mkdir()
    (evening / "harmlos.md").symlink_to(outside / "geheim.md")
    path = evening_files(evening, "title: A\ndate: 2026-12-07\ntalks:\n- deck: harmlos.md\n")
    assert _errors(path) == [(4, "program.deck_outside")]
    assert deck_file(path, Talk("harmlos.md")) is None
    assert relative_deck(path, outside / "geheim.md") is None
    assert relative_deck(path, evening / "vortraege" / "kasse.md") == "vortraege/kasse.md"


def test_caps_hold_before_anything_is_parsed(tmp_path: Path) -> None:
    big = evening_files(tmp_path, "title: A\ndate: 2026-12-07\n# " + "x" * MAX_PROGRAM_BYTES + "\n")
    assert _errors(big) == [(None, "program.too_large")]
    talks = "".join(f"- deck: d{n}.md\n" for n in range(MAX_TALKS + 1))
    many = evening_files(tmp_path, f"title: A\ndate: 2026-12-07\ntalks:\n{talks}")
    assert _errors(many) == [(4, "program.too_many_talks")]
    latin1 = tmp_path / "latin1.impuls-abend"
    latin1.write_bytes("title: Grüße\ndate: 2026-12-07\n".encode("latin-1"))
    assert _errors(latin1) == [(1, "file.not_utf8")]
    with pytest.raises(ProgramError, match=r"latin1\.impuls-abend:1"):
        load_program(latin1)
    assert _errors(tmp_path / "fehlt.impuls-abend") == [(None, "file.not_found")]


def test_aliases_and_tags_construct_nothing(tmp_path: Path) -> None:
    # A billion laughs needs its lists expanded; the reader walks only the shape it expects.
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 10)}]\n" for n in range(8)
    )
    path = evening_files(
        tmp_path, f"title: !!python/object:os.system A\ndate: 2026-12-07\n{laughs}"
    )
    assert [message for _, message in _errors(path)] == ["program.unknown_key"] * 9


def test_text_is_cleaned_as_a_phone_s_is(tmp_path: Path) -> None:
    text = 'title: "Abend\\u202e  der\\tFreunde"\ndate: 2026-12-07\n'
    assert load_program(evening_files(tmp_path, text)).title == "Abend der Freunde"


_TEXT = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=40
).map(lambda text: clean_text(text, most=400))  # what a form's text becomes


@settings(max_examples=60, deadline=None)
@given(
    title=_TEXT.filter(bool),
    place=_TEXT,
    talks=st.lists(
        st.tuples(st.sampled_from(["a.md", "b/c.pdf", "d e.md"]), _TEXT, _TEXT), max_size=5
    ),
)
def test_what_is_written_reads_back_the_same(
    tmp_path_factory: pytest.TempPathFactory,
    title: str,
    place: str,
    talks: list[tuple[str, str, str]],
) -> None:
    folder = tmp_path_factory.mktemp("abend")
    program = Program(title, date(2026, 12, 7), place, tuple(Talk(*talk) for talk in talks))
    path = folder / "abend.impuls-abend"
    save_program(path, program)
    assert path.read_text(encoding="utf-8") == program_text(program)
    assert load_program(path) == program


def test_each_talk_has_its_own_session_and_the_evening_one_code(tmp_path: Path) -> None:
    path = evening_files(tmp_path)
    program = load_program(path).added(Talk("vortraege/begruessung.md", "Zweite"))
    program = program.added(Talk("begruessung.md", "Abschied"))
    folder = sessions_dir() / "jahresversammlung-2026-12-07"
    assert talk_sessions(path, program) == (
        folder / "begruessung.impuls",
        folder / "kasse.impuls",
        folder / "ausblick.impuls",
        folder / "begruessung-2.impuls",
        folder / "begruessung-3.impuls",
    )
    reordered = Program(program.title, program.date, program.place, program.talks[::-1][:2])
    assert talk_sessions(path, reordered)[1] == folder / "begruessung-2.impuls"
    assert program.added(Talk("x.md"), at=0).talks[0] == Talk("x.md")
    anchor = evening_anchor(path, program, tmp_path / "daten")
    held = tmp_path / "daten" / "jahresversammlung-2026-12-07"
    assert code_path(anchor) == held / "jahresversammlung.impuls-abend.code"
    assert is_program_file(path) and not is_program_file(tmp_path / ".impuls-abend")


def test_a_talk_is_titled_without_reading_its_deck(tmp_path: Path) -> None:
    # The console's program lists talks not yet read: the program's title, else the
    # deck's front-matter title, else the file's name.
    (tmp_path / "eins.md").write_text("\ufeff---\r\ntitle: Willkommen!\r\n---\r\n\r\n# Hallo\r\n")
    (tmp_path / "zwei.md").write_text("---\ntitle: Kasse\n---\n\n# Zahlen\n")
    (tmp_path / "drei.md").write_text("# Ohne Kopf\n")
    (tmp_path / "vier.md").write_text("---\ntitle: [kaputt\n---\n\n# Kaputt\n")
    (tmp_path / "fuenf.pdf").write_bytes(b"%PDF-1.4 not read")
    program = Program("Abend", date(2026, 12, 7), "", (
        Talk("eins.md"), Talk("zwei.md", title="Kassenbericht"), Talk("drei.md"),
        Talk("vier.md"), Talk("fuenf.pdf"), Talk("fehlt.md"),
    ))  # fmt: skip
    titles = talk_titles(tmp_path / "abend.impuls-abend", program)
    assert titles == ["Willkommen!", "Kassenbericht", "drei", "vier", "fuenf", "fehlt"]
