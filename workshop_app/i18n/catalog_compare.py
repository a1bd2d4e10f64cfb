"""Messages of `impuls compare` (this year against last): id → (German, English)."""

from __future__ import annotations

COMPARE_MESSAGES: dict[str, tuple[str, str]] = {
    # A session's name is its month: "Nov. 2025" (Duden's abbreviations), "Nov 2025".
    "compare.months": (
        "Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez.",
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    ),
    # ------------------------------------------------ why two polls are not compared
    "compare.differs.type": (
        "eine andere Art der Umfrage ({types})",
        "another kind of poll ({types})",
    ),
    "compare.differs.text": (
        "Freitext: die Antworten lassen sich nicht auszählen",
        "open text: its answers cannot be counted side by side",
    ),
    "compare.differs.scale": ("eine andere Skala ({scales})", "another scale ({scales})"),
    "compare.differs.options": ("andere Antworten ({answers})", "other answers ({answers})"),
    "compare.differs.alike": (
        "Antworten, die sich nur in der Schreibweise unterscheiden ({answers})",
        "answers that differ only in how they are written ({answers})",
    ),
    "compare.only_in": ("„{option}“ nur in {labels}", "“{option}” only in {labels}"),
    "compare.more": (
        "und {count} weitere Antwort‖und {count} weitere Antworten",
        "and {count} more answer‖and {count} more answers",
    ),
    "compare.differs.ran_once": ("nur in {label} durchgeführt", "run only in {label}"),
    # ------------------------------------------------ the command line
    "cli.help.compare": (
        "dieselben Umfragen mehrerer Sitzungen nebeneinander (PDF, CSV)",
        "the same polls of several sessions side by side (PDF, CSV)",
    ),
    "cli.help.compare_sessions": (
        "Sitzungsdateien (.impuls), die älteste zuerst",
        "session files (.impuls), the oldest first",
    ),
    "cli.help.compare_pdf": ("die Verläufe als PDF", "the trends as a PDF"),
    "cli.help.compare_csv": (
        "je Antwort und Sitzung eine Zeile als CSV",
        "one CSV row per answer and session",
    ),
    "cli.help.compare_labels": (
        "Namen der Sitzungen, mit Komma getrennt (sonst Monat und Jahr)",
        "names of the sessions, separated by commas (else month and year)",
    ),
    "compare.nothing": (
        "Nichts zu tun: --pdf oder --csv angeben",
        "Nothing to do: give --pdf or --csv",
    ),
    "compare.one_file": (
        "Zum Vergleich braucht es mindestens zwei Sitzungsdateien.",
        "A comparison needs at least two session files.",
    ),
    "compare.same_file": ("{path} ist zweimal angegeben.", "{path} is given twice."),
    "compare.labels_count": (
        "--labels nennt {given} Namen für {count} Sitzung.‖--labels nennt {given} Namen für"
        " {count} Sitzungen.",
        "--labels gives {given} names for {count} session.‖--labels gives {given} names for"
        " {count} sessions.",
    ),
    "compare.nothing_in_common": (
        "Keine Umfrage lässt sich vergleichen: keine kam in zwei Sitzungen vor und wurde"
        " in beiden durchgeführt.",
        "No poll can be compared: none was in two sessions and run in both.",
    ),
    "compare.not_compared": (
        "Nicht verglichen: „{question}“ – {reason}",
        "Not compared: “{question}” – {reason}",
    ),
    "compare.compared": (
        "{count} Umfrage verglichen: {labels}‖{count} Umfragen verglichen: {labels}",
        "{count} poll compared: {labels}‖{count} polls compared: {labels}",
    ),
    # ------------------------------------------------ the PDF
    "compare.subject": ("Vergleich mehrerer Sitzungen", "Several sessions compared"),
    "compare.cover.subtitle": ("Im Vergleich: {labels}", "Compared: {labels}"),
    "compare.cover.session": (
        "{label}: {file}, {count} Person hat abgestimmt‖{label}: {file}, {count} Teilnehmende"
        " haben abgestimmt",
        "{label}: {file}, {count} participant voted‖{label}: {file}, {count} participants voted",
    ),
    "compare.polls": ("Die Umfragen im Vergleich", "The polls compared"),
    "compare.shift_note": (
        "Balken: der Anteil je Sitzung, die älteste oben; fett: die Veränderung von der"
        " ersten zur letzten Sitzung in Prozentpunkten.",
        "Bars: the share in each session, the oldest on top; bold: the change from the"
        " first session to the last, in percentage points.",
    ),
    "compare.matched.id": ("Gefunden über die Kennung „{id}“", "Matched by its id “{id}”"),
    "compare.matched.question": (
        "Gefunden über den Wortlaut der Frage",
        "Matched by the wording of its question",
    ),
    "compare.not_asked": ("{label}: nicht gestellt", "{label}: not asked"),
    "compare.different": ("Nicht verglichen", "Not compared"),
    "compare.different.text": (
        "Diese Umfragen kommen in mehreren Sitzungen vor, lassen sich aber nicht"
        " nebeneinanderstellen:",
        "These polls are in several sessions but cannot be set side by side:",
    ),
    "compare.named": ("„{question}“: {reason}", "“{question}”: {reason}"),
    "compare.digests": ("Prüfsummen der Sitzungen", "Checksums of the sessions"),
    "compare.digests.text": (
        "Jede Zahl hier ist die, die das Handout der jeweiligen Sitzung druckt. Ob ein"
        " Handout zu seiner Sitzungsdatei passt, prüft „impuls verify“; diese Prüfsummen"
        " nennen die Dateien, aus denen der Vergleich stammt.",
        "Every figure here is the one the handout of its session prints. Whether a handout"
        " matches its session file is what “impuls verify” checks; these checksums name the"
        " files this comparison was made from.",
    ),
    "compare.digest": ("{label} · {file}: {digest}", "{label} · {file}: {digest}"),
    # ------------------------------------------------ the export dialog
    "export.compare": ("Vergleich mit", "Compare with"),
    "export.compare.none": (
        "keinen früheren Sitzungen (nur das Handout)",
        "no earlier sessions (the handout only)",
    ),
    "export.compare.add": ("Hinzufügen …", "Add …"),
    "export.compare.clear": ("Leeren", "Clear"),
    "export.compare.file": ("vergleich", "comparison"),  # the PDF beside the handout
    "export.compare.done": ("Dazu {path}: {compared}", "Also {path}: {compared}"),
    # ------------------------------------------------ the CSV's words for a spreadsheet
    "export.column.session": ("Sitzung", "Session"),
    "export.column.date": ("Datum", "Date"),
    "export.column.shift_points": (
        "Veränderung seit der ersten (Pp.)",
        "Change since the first (pts)",
    ),
    "export.column.matched_by": ("Gefunden über", "Matched by"),
    "export.matched.id": ("Kennung", "id"),
    "export.matched.question": ("Frage", "question"),
}
