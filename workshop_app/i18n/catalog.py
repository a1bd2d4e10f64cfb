"""Every user-visible message: id → (German, English). Placeholders use str.format."""

from __future__ import annotations

from workshop_app.i18n.catalog_cards import CARDS_MESSAGES
from workshop_app.i18n.catalog_cli import CLI_MESSAGES
from workshop_app.i18n.catalog_compare import COMPARE_MESSAGES
from workshop_app.i18n.catalog_editor import EDITOR_MESSAGES
from workshop_app.i18n.catalog_evening import EVENING_MESSAGES
from workshop_app.i18n.catalog_handout import HANDOUT_MESSAGES
from workshop_app.i18n.catalog_minutes import MINUTES_MESSAGES
from workshop_app.i18n.catalog_motion import MOTION_MESSAGES
from workshop_app.i18n.catalog_new_talk import NEW_TALK_MESSAGES
from workshop_app.i18n.catalog_phone import PHONE_MESSAGES
from workshop_app.i18n.catalog_poll_form import POLL_FORM_MESSAGES
from workshop_app.i18n.catalog_quiz import QUIZ_MESSAGES
from workshop_app.i18n.catalog_recovery import RECOVERY_MESSAGES
from workshop_app.i18n.catalog_rendering import RENDERING_MESSAGES
from workshop_app.i18n.catalog_ui import UI_MESSAGES
from workshop_app.i18n.catalog_voting import VOTING_MESSAGES

MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- severities
    "severity.error": ("Fehler", "error"),
    "severity.warning": ("Warnung", "warning"),
    # ---------------------------------------------------------------- files
    "file.not_found": ("Datei nicht gefunden", "file not found"),
    "file.is_directory": ("ist ein Ordner, keine Deck-Datei", "is a folder, not a deck file"),
    "file.unreadable": (
        "Datei kann nicht gelesen werden: {detail}",
        "cannot read the file: {detail}",
    ),
    "file.too_large": (
        "Datei ist größer als {most} MB – das ist kein Foliensatz",
        "file is larger than {most} MB – that is not a slide deck",
    ),
    "file.not_utf8": (
        "Datei ist nicht UTF-8-kodiert (Byte {byte}); bitte im Editor als UTF-8 speichern",
        "file is not UTF-8 encoded (byte {byte}); please save it as UTF-8 in your editor",
    ),
    "file.no_decks": ("enthält keine .md-Dateien", "contains no .md files"),
    # ---------------------------------------------------------------- deck
    "deck.empty": (
        "Datei ist leer – ein Deck braucht mindestens eine Folie",
        "file is empty – a deck needs at least one slide",
    ),
    "deck.no_slides": (
        "Deck enthält nach der Kopfzeile keine Folie",
        "deck has no slide after the front matter",
    ),
    "deck.control_char": (
        "unsichtbares Steuerzeichen {char} durch � ersetzt",
        "invisible control character {char} replaced by �",
    ),
    "slide.empty": ("Folie {number} ist leer", "slide {number} is empty"),
    "comment.unclosed": (
        "Kommentar „<!--“ wird nie mit „-->“ geschlossen",
        "comment '<!--' is never closed with '-->'",
    ),
    "fence.unclosed_code": (
        "Codeblock wird nie geschlossen: wie Marp zeigt Impuls den Rest des Decks als Code"
        " (die öffnende Zeile ``` braucht eine schließende)",
        "fenced code is never closed: as Marp does, Impuls shows the rest of the deck as code"
        " (the opening ``` needs a closing line)",
    ),
    "fence.unclosed": (
        "Codeblock wird nie geschlossen (die öffnende Zeile ``` braucht eine schließende)",
        "fenced block is never closed (the opening ``` needs a closing line)",
    ),
    "markdown.too_deep": (
        "Markdown ist zu tief verschachtelt",
        "Markdown is nested too deeply",
    ),
    "markdown.too_many_brackets": (
        "mehr als {most} eckige Klammern „[“ in einem Textblock – bitte aufteilen",
        "more than {most} square brackets '[' in one block of text – please split it",
    ),
    "markdown.list_as_text": (
        "Listeneintrag wird als Text gelesen: verschachtelte Einträge um 2 Leerzeichen einrücken "
        "und vor einer Liste eine Leerzeile lassen",
        "list item is read as text: indent nested items by 2 spaces and leave a blank line "
        "before a list",
    ),
    "office.converting": (
        "„{name}“ wird mit LibreOffice in ein PDF umgewandelt (einmalig, einige Sekunden) …",
        "turning '{name}' into a PDF with LibreOffice (once, a few seconds) …",
    ),
    "office.no_soffice": (
        "Impuls öffnet „{name}“ mit LibreOffice, das hier fehlt –"
        " installieren: {detail} (oder die Präsentation als PDF exportieren)",
        "Impuls opens '{name}' with LibreOffice, which is missing here –"
        " install it: {detail} (or export the presentation as a PDF)",
    ),
    "office.failed": (
        "LibreOffice konnte „{name}“ nicht in ein PDF umwandeln: {detail}",
        "LibreOffice could not turn '{name}' into a PDF: {detail}",
    ),
    "office.timeout": (
        "LibreOffice hat „{name}“ in {detail} Sekunden nicht umgewandelt – bitte als"
        " PDF exportieren",
        "LibreOffice did not convert '{name}' within {detail} seconds – please export it as a PDF",
    ),
    "office.cancelled": (
        "die Umwandlung mit LibreOffice wurde abgebrochen",
        "the conversion with LibreOffice was cancelled",
    ),
    "office.too_large": (
        "„{name}“ ist größer als {detail} MB – bitte Bilder komprimieren oder als PDF exportieren",
        "'{name}' is larger than {detail} MB – please compress its pictures or export it as a PDF",
    ),
    "office.missing": (
        "Präsentation „{name}“ nicht gefunden (relativ zum Deck)",
        "presentation '{name}' not found (relative to the deck)",
    ),
    "office.unreadable": (
        "Präsentation „{name}“ kann nicht gelesen werden: {detail}",
        "presentation '{name}' cannot be read: {detail}",
    ),
    "pdf.missing": (
        "PDF „{name}“ nicht gefunden (relativ zum Deck)",
        "PDF '{name}' not found (relative to the deck)",
    ),
    "pdf.unreadable": (
        "PDF „{name}“ kann nicht gelesen werden: {detail}",
        "PDF '{name}' cannot be read: {detail}",
    ),
    "pdf.too_large": (
        "PDF „{name}“ ist größer als {detail} MB – bitte Bilder beim Export verkleinern",
        "PDF '{name}' is larger than {detail} MB – please reduce image quality when exporting",
    ),
    "pdf.not_pdf": (
        "„{name}“ ist keine PDF-Datei",
        "'{name}' is not a PDF file",
    ),
    "pdf.broken": (
        "PDF „{name}“ ist beschädigt und lässt sich nicht öffnen ({detail})",
        "PDF '{name}' is damaged and cannot be opened ({detail})",
    ),
    "pdf.encrypted": (
        "PDF „{name}“ ist mit einem Passwort geschützt – bitte ohne Passwort exportieren",
        "PDF '{name}' is password-protected – please export it without a password",
    ),
    "pdf.no_pages": ("PDF „{name}“ hat keine Seiten", "PDF '{name}' has no pages"),
    "pdf.too_many_pages": (
        "PDF „{name}“ hat mehr als {detail} Seiten – das ist kein Vortrag",
        "PDF '{name}' has more than {detail} pages – that is not a talk",
    ),
    "pdf.pdfpc_unreadable": (
        "Notizen „{name}“ (pdfpc) werden nicht gelesen: {detail}",
        "notes '{name}' (pdfpc) are not read: {detail}",
    ),
    "pdf.not_named": (
        "„{src}“ zeigt eine PDF-Seite, aber der Kopf nennt kein PDF – bitte „pdf: datei.pdf“"
        " in den Front-Matter schreiben",
        "'{src}' shows a PDF page, but the front matter names no PDF – please add 'pdf: file.pdf'",
    ),
    "pdf.bad_range": (
        "„{src}“ – Seiten schreibt man als pdf:3, pdf:3-7 oder pdf:3- (bis zum Ende)",
        "'{src}' – pages are written as pdf:3, pdf:3-7 or pdf:3- (to the end)",
    ),
    "pdf.outside": (
        "„{name}“ liegt außerhalb des Ordners des Decks – Impuls zeigt nur Dateien aus diesem"
        " Ordner und seinen Unterordnern; bitte die Datei dorthin kopieren",
        "'{name}' is outside the deck's folder – Impuls shows only files from that folder and"
        " its subfolders; please copy the file there",
    ),
    "pdf.no_such_page": (
        "„{src}“: „{name}“ hat nur eine Seite‖„{src}“: „{name}“ hat nur {count} Seiten",
        "'{src}': '{name}' has only one page‖'{src}': '{name}' has only {count} pages",
    ),
    "pdf.page_not_alone": (
        "eine PDF-Seite füllt ihre ganze Folie – Text, Bilder und Umfragen gehören auf eine"
        " eigene Folie (mit --- davor)",
        "a PDF page fills its whole slide – text, images and polls belong on a slide of"
        " their own (with --- before it)",
    ),
    "image.missing": (
        "Bild „{src}“ nicht gefunden (relativ zum Deck); an seiner Stelle steht ein Rahmen"
        " mit dem Dateinamen",
        "image '{src}' not found (relative to the deck); a frame with its file name stands"
        " in its place",
    ),
    "image.remote": (
        "Bild „{src}“ liegt im Internet und wird nicht geladen – Impuls arbeitet offline; "
        "bitte neben dem Deck speichern",
        "image '{src}' is on the internet and will not be loaded – Impuls works offline; "
        "please save it next to the deck",
    ),
    "image.outside": (
        "Bild „{src}“ liegt außerhalb des Ordners des Decks und wird nicht gezeigt – Impuls"
        " zeigt (auch den Handys im Raum) nur Bilder aus diesem Ordner und seinen"
        " Unterordnern; bitte das Bild dorthin kopieren",
        "image '{src}' is outside the deck's folder and is not shown – Impuls shows (the"
        " phones in the room too) only images from that folder and its subfolders; please"
        " copy the image there",
    ),
    "image.too_many_pixels": (
        "Bild „{src}“ hat {millions} Millionen Pixel, mehr als die {most} Millionen, die"
        " Impuls anzeigt; an seiner Stelle steht ein Rahmen – bitte verkleinert speichern",
        "image '{src}' has {millions} million pixels, more than the {most} million Impuls"
        " shows; a frame stands in its place – please save it smaller",
    ),
    "image.unsupported": (
        "Bildadresse „{src}“ wird nicht unterstützt",
        "image address '{src}' is not supported",
    ),
    # ---------------------------------------------------------------- YAML
    "yaml.syntax": ("YAML-Fehler: {detail}", "YAML error: {detail}"),
    "yaml.colon_in_text": (
        "Doppelpunkt mitten im Text – den Text in Anführungszeichen setzen, etwa"
        ' question: "Ordnen Sie: Woher kommen Ihre Kunden?" ({detail})',
        "a colon inside the text – put the text in quotes, e.g."
        ' question: "Rank them: where do your customers come from?" ({detail})',
    ),
    "yaml.tab_indent": (
        "Tabulator zum Einrücken – YAML braucht Leerzeichen ({detail})",
        "a tab used for indenting – YAML needs spaces ({detail})",
    ),
    "yaml.unclosed_quote": (
        "ein Anführungszeichen wird nicht geschlossen ({detail})",
        "a quotation mark is never closed ({detail})",
    ),
    "yaml.bad_char": (
        "YAML darf das Zeichen {char} nicht enthalten",
        "YAML must not contain the character {char}",
    ),
    "yaml.too_deep": ("YAML ist zu tief verschachtelt", "YAML is nested too deeply"),
    "yaml.duplicate_key": ("Schlüssel „{key}“ kommt doppelt vor", "key '{key}' appears twice"),
    # ---------------------------------------------------------------- front matter
    "frontmatter.unclosed": (
        "Kopfzeile (Front Matter) wird nie mit „---“ geschlossen",
        "front matter is never closed with '---'",
    ),
    "frontmatter.not_mapping": (
        "Kopfzeile (Front Matter) besteht nicht aus „schlüssel: wert“-Zeilen und wird, wie in"
        " Marp, ignoriert",
        "front matter does not consist of 'key: value' lines and is ignored, as in Marp",
    ),
    "frontmatter.ignored_syntax": (
        "Kopfzeile (Front Matter) ist kein gültiges YAML ({detail}); wie Marp zeigt Impuls"
        " die Folien ohne ihre Einstellungen",
        "front matter is not valid YAML ({detail}); as Marp does, Impuls shows the slides"
        " without its settings",
    ),
    "frontmatter.ignored_block": (
        "Kopfzeile (Front Matter) ist kein gültiges YAML: die Zeilen nach „{key}: |“ müssen"
        " eingerückt sein; wie Marp zeigt Impuls die Folien ohne ihre Einstellungen",
        "front matter is not valid YAML: the lines after '{key}: |' must be indented; as"
        " Marp does, Impuls shows the slides without its settings",
    ),
    "frontmatter.ignored_char": (
        "Kopfzeile (Front Matter) enthält das Zeichen {char}, das YAML nicht erlaubt; wie Marp"
        " zeigt Impuls die Folien ohne ihre Einstellungen",
        "front matter holds the character {char}, which YAML does not allow; as Marp does,"
        " Impuls shows the slides without its settings",
    ),
    "frontmatter.ignored_deep": (
        "Kopfzeile (Front Matter) ist zu tief verschachtelt; wie Marp zeigt Impuls die Folien"
        " ohne ihre Einstellungen",
        "front matter is nested too deeply; as Marp does, Impuls shows the slides without"
        " its settings",
    ),
    "frontmatter.unknown_key": (
        "unbekannter Schlüssel „{key}“ wird ignoriert",
        "unknown key '{key}' is ignored",
    ),
    "frontmatter.unknown_key_hint": (
        "unbekannter Schlüssel „{key}“ wird ignoriert (gemeint: „{hint}“?)",
        "unknown key '{key}' is ignored (did you mean '{hint}'?)",
    ),
    "frontmatter.marp_unused": (
        "Marp-Schlüssel „{key}“ wird akzeptiert, aber von Impuls nicht verwendet",
        "Marp key '{key}' is accepted but not used by Impuls",
    ),
    "frontmatter.expected_text": ("„{key}“ muss ein Text sein", "'{key}' must be text"),
    "frontmatter.expected_flag": (
        "„{key}“ muss true oder false sein",
        "'{key}' must be true or false",
    ),
    "frontmatter.lang_unsupported": (
        "Sprache „{lang}“ wird nicht unterstützt (de oder en); Impuls verwendet Deutsch",
        "language '{lang}' is not supported (de or en); Impuls uses German",
    ),
    "frontmatter.unknown_theme": (
        "unbekanntes Theme „{theme}“: die Folien erscheinen wie in Marp ohne dessen CSS, im"
        " Theme „default“; verfügbar: {themes}",
        "unknown theme '{theme}': the slides appear as Marp shows them without its CSS, in"
        " the theme 'default'; available: {themes}",
    ),
    "frontmatter.bad_reaction": (
        "„reactions“: „{entry}“ wird weggelassen – erlaubt sind bis zu {most} einzelne Emoji,"
        " etwa [👏, 🎉], oder false",
        "'reactions': '{entry}' is left out – allowed are up to {most} single emoji,"
        " such as [👏, 🎉], or false",
    ),
    "frontmatter.bad_duration": (
        "„duration“ muss eine ganze Zahl von Minuten zwischen 1 und {most} sein",
        "'duration' must be a whole number of minutes between 1 and {most}",
    ),
    "frontmatter.bad_aspect": (
        "„{key}: {value}“ – erlaubt sind 16:9, 16:10, 4:3 und A4 (quer)",
        "'{key}: {value}' – allowed are 16:9, 16:10, 4:3 and A4 (landscape)",
    ),
    "frontmatter.size_unsupported": (
        "Marp-Größe „{value}“ wird nicht unterstützt; Impuls verwendet 16:9",
        "Marp size '{value}' is not supported; Impuls uses 16:9",
    ),
    "directive.bad_color": (
        "„{key}: {value}“ ist keine Farbe und wird ignoriert (z. B. #1a2b3c, beige, rgb(0, 0, 0))",
        "'{key}: {value}' is not a colour and is ignored (e.g. #1a2b3c, beige, rgb(0, 0, 0))",
    ),
    "directive.background_gradient": (
        "Farbverläufe als Hintergrund zeichnet Impuls nicht; die Folie bekommt stattdessen"
        " ihre Mischfarbe {color}",
        "Impuls does not draw gradient backgrounds; the slide gets their mixed colour {color}"
        " instead",
    ),
    "directive.background_unsupported": (
        "„backgroundImage: {value}“ wendet Impuls nicht an; es versteht url(bild.png) mit"
        " einem Bild neben dem Deck und Farbverläufe",
        "'backgroundImage: {value}' is not applied by Impuls; it understands url(picture.png)"
        " with a picture beside the deck, and gradients",
    ),
    "directive.bad_paginate": (
        "„paginate: {value}“ – erlaubt sind true, false, hold und skip; wie Marp zeigt Impuls"
        " hier keine Seitenzahl",
        "'paginate: {value}' – allowed are true, false, hold and skip; as Marp does, Impuls"
        " shows no page number here",
    ),
    "math.unreadable": (
        "die Formel „{tex}“ lässt sich nicht setzen (Tippfehler in TeX?); sie erscheint als Text",
        "the formula '{tex}' cannot be typeset (a typo in the TeX?); it appears as text",
    ),
    "markdown.setext_rule": (
        "„---“ direkt unter einer Textzeile unterstreicht diese als Überschrift (wie in Marp)"
        " und beginnt keine neue Folie; für eine neue Folie eine Leerzeile davor lassen",
        "'---' right under a line of text underlines it as a heading (as in Marp) and starts"
        " no new slide; leave a blank line before it for a new slide",
    ),
    "style.not_applied": (
        "CSS in einem Kommentar („<!-- style: … -->“) wendet Impuls nicht an; es gehört in"
        " „style:“ der Kopfzeile oder in einen <style>-Block",
        "Impuls does not apply CSS in a comment ('<!-- style: … -->'); put it in the front"
        " matter's 'style:' or in a <style> block",
    ),
    "style.rule_ignored": (
        "CSS „{rule}“ wendet Impuls nicht an; es versteht section (auch section.klasse),"
        " h1–h6, p und li",
        "Impuls does not apply the CSS '{rule}'; it understands section (also"
        " section.class), h1–h6, p and li",
    ),
    "style.properties_ignored": (
        "CSS „{rule}“: {properties} wendet Impuls nicht an; es versteht font-size und color,"
        " bei section auch background, text-align und padding",
        "CSS '{rule}': Impuls does not apply {properties}; it understands font-size and"
        " color, on section also background, text-align and padding",
    ),
    "style.unreadable": (
        "CSS ist hier nicht lesbar ({detail}) und wird übergangen",
        "the CSS cannot be read here ({detail}) and is skipped",
    ),
    "directive.unused": (
        "Marp-Direktive „{key}“ wird akzeptiert, aber von Impuls nicht verwendet",
        "Marp directive '{key}' is accepted but not used by Impuls",
    ),
    # ---------------------------------------------------------------- polls
    "questions.not_mapping": (
        "Fragen-Block: erwartet „title:“ und „count:“ als Schlüssel",
        "questions block: expected 'title:' and 'count:' as keys",
    ),
    "questions.unknown_key": (
        "unbekannter Schlüssel „{key}“ im Fragen-Block (bekannt: title, count)",
        "unknown key '{key}' in the questions block (known: title, count)",
    ),
    "questions.unknown_key_hint": (
        "unbekannter Schlüssel „{key}“ im Fragen-Block (gemeint: „{hint}“?)",
        "unknown key '{key}' in the questions block (did you mean '{hint}'?)",
    ),
    "questions.bad_title": (
        "Fragen-Block: „title“ muss Text sein",
        "questions block: 'title' must be text",
    ),
    "questions.bad_count": (
        "Fragen-Block: „count“ muss eine ganze Zahl von 1 bis {most} sein",
        "questions block: 'count' must be a whole number from 1 to {most}",
    ),
    "questions.not_alone": (
        "Eine Folie zeigt entweder eine Umfrage oder eine Fragenliste, und nur eine",
        "a slide shows either one poll or one question list",
    ),
    "questions.switched_off": (
        "Fragenliste, aber Fragen sind im Deck ausgeschaltet (questions: false)",
        "question list, but questions are switched off in this deck (questions: false)",
    ),
    "poll.empty": ("Umfrage-Block ist leer", "poll block is empty"),
    "poll.not_mapping": (
        "Umfrage-Block muss aus „schlüssel: wert“-Zeilen bestehen",
        "poll block must consist of 'key: value' lines",
    ),
    "poll.unknown_key": ("unbekannter Umfrage-Schlüssel „{key}“", "unknown poll key '{key}'"),
    "poll.unknown_key_hint": (
        "unbekannter Umfrage-Schlüssel „{key}“ (gemeint: „{hint}“?)",
        "unknown poll key '{key}' (did you mean '{hint}'?)",
    ),
    "poll.option_split": (
        "„{first}“ und „{second}“ sind zwei Optionen: in [ ] trennt jedes Komma; ist"
        " „{first}, {second}“ eine Option, schreiben Sie sie in Anführungszeichen:"
        ' "{first}, {second}"',
        "'{first}' and '{second}' are two options: in [ ] every comma separates; if"
        " '{first}, {second}' is one option, put it in quotes: \"{first}, {second}\"",
    ),
    "poll.missing_key": ("Umfrage braucht den Schlüssel „{key}“", "poll needs the key '{key}'"),
    "poll.missing_key_for_type": (
        "Umfrage vom Typ {type} braucht den Schlüssel „{key}“",
        "a poll of type {type} needs the key '{key}'",
    ),
    "poll.key_not_for_type": (
        "Schlüssel „{key}“ gilt nicht für Umfragen vom Typ {type}",
        "key '{key}' does not apply to polls of type {type}",
    ),
    "poll.unknown_type_hint": (
        "unbekannter Umfragetyp „{type}“ (gemeint: „{hint}“?)",
        "unknown poll type '{type}' (did you mean '{hint}'?)",
    ),
    "poll.unknown_type": (
        "unbekannter Umfragetyp „{type}“; erlaubt: {types}",
        "unknown poll type '{type}'; allowed: {types}",
    ),
    "poll.bad_id": (
        "Umfrage-ID „{id}“: nur Buchstaben, Ziffern, - und _ (höchstens 64 Zeichen)",
        "poll id '{id}': only letters, digits, - and _ (at most 64 characters)",
    ),
    "poll.empty_question": ("Umfrage braucht eine Frage", "poll needs a question"),
    "poll.expected_text": ("„{key}“ muss ein Text sein", "'{key}' must be text"),
    "poll.expected_integer": (
        "„{key}“ muss eine ganze Zahl sein",
        "'{key}' must be a whole number",
    ),
    "poll.expected_list": (
        "„{key}“ muss eine Liste von Texten sein, z. B. [Ja, Nein]",
        "'{key}' must be a list of texts, e.g. [Yes, No]",
    ),
    "poll.empty_item": ("„{key}“ enthält einen leeren Eintrag", "'{key}' contains an empty entry"),
    "poll.option_count": (
        "Umfrage braucht 2 bis {most} Antwortoptionen",
        "poll needs 2 to {most} options",
    ),
    "poll.duplicate_option": (
        "Antwortoption „{option}“ kommt doppelt vor",
        "option '{option}' appears twice",
    ),
    "poll.bad_max_choices": (
        "„max_choices“ muss zwischen 1 und {count} (der Zahl der Optionen) liegen",
        "'max_choices' must be between 1 and {count} (the number of options)",
    ),
    "poll.bad_scale": (
        "Skala braucht min < max und höchstens {most} Stufen",
        "scale needs min < max and at most {most} steps",
    ),
    "poll.bad_labels": (
        "„labels“ braucht 2 Einträge (für beide Enden) oder {steps} (einen je Stufe)",
        "'labels' needs 2 entries (for both ends) or {steps} (one per step)",
    ),
    "poll.odd_seconds": (
        "„seconds: {seconds}“ ist kein Countdown, dem ein Saal folgen kann (von {low} bis"
        " {high} Sekunden): die Umfrage läuft ohne Countdown",
        "'seconds: {seconds}' is no countdown a room can follow ({low} to {high} seconds):"
        " the poll runs without one",
    ),
    "poll.bad_max_length": (
        "„max_length“ muss zwischen 1 und {most} liegen",
        "'max_length' must be between 1 and {most}",
    ),
    "poll.duplicate_id": (
        "Umfrage-ID „{id}“ gibt es schon (Zeile {first})",
        "poll id '{id}' is already used (line {first})",
    ),
    "poll.compare_missing": (
        "„compare_with: {id}“ – keine andere Umfrage mit dieser ID",
        "'compare_with: {id}' – no other poll has this id",
    ),
    "poll.compare_mismatch": (
        "Vergleich mit „{id}“ (Zeile {line}) braucht denselben Typ und dieselben Optionen",
        "comparison with '{id}' (line {line}) needs the same type and the same options",
    ),
    "poll.second_on_slide": (
        "nur eine Umfrage pro Folie (die erste steht in Zeile {first})",
        "only one poll per slide (the first is on line {first})",
    ),
    # ---------------------------------------------------------------- command line
    "cli.description": (
        "Impuls – Foliensätze präsentieren, Live-Umfragen im lokalen Netz, Handout als PDF.",
        "Impuls – present slide decks, run live polls on the local network, hand out a PDF.",
    ),
    "cli.help.lang": ("Sprache der Ausgaben (de oder en)", "language of the output (de or en)"),
    "cli.help.deck": (
        "Deck, das geöffnet wird (Standard: {default})",
        "deck to open (default: {default})",
    ),
    "cli.help.offscreen": (
        "Probelauf ohne Bildschirm: Deck laden, rendern, beenden",
        "smoke run without a screen: load the deck, render, exit",
    ),
    "cli.help.check": (
        "Decks prüfen und Probleme mit Zeilennummer melden",
        "check decks and report problems with line numbers",
    ),
    "cli.help.check_paths": (
        "Deck-Dateien oder Ordner mit Decks",
        "deck files or folders of decks",
    ),
    "cli.help.strict": ("Warnungen als Fehler werten", "treat warnings as errors"),
    "cli.summary": (
        "{path}: {slides}, {polls}, {notes} mit Notizen{warnings}",
        "{path}: {slides}, {polls}, {notes} with notes{warnings}",
    ),
    "cli.summary_warnings": (
        ", {count} Warnung‖, {count} Warnungen",
        ", {count} warning‖, {count} warnings",
    ),
    "cli.cancelled": ("Abgebrochen.", "Cancelled."),
    "cli.strict_failed": (
        "{path}: {count} Warnung – mit --strict ist das ein Fehler"
        "‖{path}: {count} Warnungen – mit --strict ist das ein Fehler",
        "{path}: {count} warning – with --strict that is an error"
        "‖{path}: {count} warnings – with --strict that is an error",
    ),
    "cli.no_display": (
        "Kein Bildschirm gefunden (DISPLAY/WAYLAND_DISPLAY sind nicht gesetzt): starten Sie "
        "Impuls auf einem virtuellen Bildschirm mit „xvfb-run -a {command}“ oder machen Sie "
        "mit „{command} --offscreen“ einen Probelauf, der rendert und sich beendet.",
        "No screen found (DISPLAY/WAYLAND_DISPLAY are not set): start Impuls on a virtual "
        "screen with 'xvfb-run -a {command}' or do a smoke run that renders and exits with "
        "'{command} --offscreen'.",
    ),
    "cli.help.no_layout": (
        "Folien nicht probeweise setzen (keine Prüfung auf Überlauf)",
        "do not lay the slides out (no overflow check)",
    ),
    "cli.help.render": (
        "Folien als PNG-Bilder rendern (ohne Bildschirm)",
        "render slides as PNG images (no screen needed)",
    ),
    "cli.help.render_deck": ("das Deck (.md oder .pdf)", "the deck (.md or .pdf)"),
    "cli.help.render_slide": (
        "nur diese Folie (ab 1); ohne --slide alle Folien",
        "this slide only (from 1); without --slide every slide",
    ),
    "cli.help.render_all": (
        "alle Folien rendern (so auch ohne --slide)",
        "render every slide (also without --slide)",
    ),
    "cli.help.render_out": (
        "Zieldatei zu --slide; ohne --slide ein Ordner, oder DATEI.png für DATEI-001.png …",
        "output file with --slide; without --slide a folder, or FILE.png for FILE-001.png …",
    ),
    "cli.help.render_out_dir": (
        "Zielordner: darin DECK-001.png … (mit --slide nur diese Folie)",
        "output folder: DECK-001.png … in it (with --slide that slide only)",
    ),
    "cli.help.render_size": (
        "Bildgröße in Pixeln, z. B. 1920x1080 (Standard: die Foliengröße)",
        "image size in pixels, e.g. 1920x1080 (default: the slide size)",
    ),
    "cli.help.render_theme": (
        "anderes Design als im Deck angegeben",
        "a theme other than the deck's",
    ),
    "cli.bad_size": (
        "„{size}“ ist keine Größe wie 1920x1080 (16 bis 8192 Pixel je Seite)",
        "'{size}' is not a size such as 1920x1080 (16 to 8192 pixels a side)",
    ),
    "cli.render_needs_out": (
        "render braucht ein Ziel: --out ORDNER für alle Folien, --slide N --out DATEI.png für eine",
        "render needs a target: --out DIR for every slide, --slide N --out FILE.png for one",
    ),
    "cli.bad_slide": (
        "Folie {number} gibt es nicht – das Deck hat nur eine Folie"
        "‖Folie {number} gibt es nicht – das Deck hat {count} Folien (1 bis {count})",
        "there is no slide {number} – the deck has only one slide"
        "‖there is no slide {number} – the deck has {count} slides (1 to {count})",
    ),
    "cli.render_write_failed": (
        "Bild kann nicht geschrieben werden: {detail}",
        "cannot write the image: {detail}",
    ),
    "cli.help.desktop": (
        "Impuls mit Symbol ins Anwendungsmenü eintragen (Linux, für diesen Benutzer)",
        "add Impuls with its icon to the applications menu (Linux, for this user)",
    ),
    "cli.desktop_written": ("geschrieben: {path}", "written: {path}"),
    "cli.desktop_linux_only": (
        "„desktop“ gibt es für Linux; unter Windows und macOS legt das Installationspaket"
        " die Verknüpfung an.",
        "'desktop' is for Linux; on Windows and macOS the installer makes the shortcut.",
    ),
    "cli.help.serve": (
        "Abstimmungsserver ohne Fenster starten (erste Zeile: JSON mit url, join_code,"
        " presenter_token)",
        "run the voting server without a window (first line: JSON with url, join_code,"
        " presenter_token)",
    ),
    "cli.help.session": (
        "Sitzungsdatei (Standard: im Datenordner des Benutzers, je Deck und Tag)",
        "session file (default: in the user's data folder, one per deck and day)",
    ),
    "cli.help.host": ("Adresse, auf der gelauscht wird", "address to listen on"),
    "cli.help.workers": (
        "HTTP-Prozesse, die sich den Port teilen (Standard: einer je Kern, höchstens 4)",
        "HTTP processes sharing the port (default: one per core, at most 4)",
    ),
    "cli.help.port": (
        "Port (Standard {port}; ist er belegt, ein freier; 0 = irgendein freier)",
        "port (default {port}; if taken, a free one; 0 = any free one)",
    ),
    "cli.help.devices_per_address": (
        "Handys je Absender-Adresse (Standard: 10); höher, wenn das Saal-WLAN alle Handys"
        " hinter einer Adresse (NAT) versteckt",
        "phones per source address (default: 10); raise it when the venue's Wi-Fi hides every"
        " phone behind one address (NAT)",
    ),
    "cli.help.trusted_proxy": (
        "Adresse eines Reverse-Proxys, dessen X-Forwarded-For geglaubt wird"
        " (hybride Veranstaltungen)",
        "address of a reverse proxy whose X-Forwarded-For is believed (hybrid events)",
    ),
    "cli.help.public_url": (
        "Adresse, unter der Handys den Server hinter einem Proxy erreichen (für QR-Code und Host)",
        "the address phones reach the server by behind a proxy (for the QR code and Host check)",
    ),
    "cli.bad_devices_per_address": (
        "--devices-per-address {most}: zwischen 1 und 1000000",
        "--devices-per-address {most}: between 1 and 1000000",
    ),
    "cli.bad_public_url": (
        "--public-url {url}: eine Adresse, die mit http:// oder https:// beginnt",
        "--public-url {url}: an address starting with http:// or https://",
    ),
    "session.damaged": (
        "Die Sitzungsdatei {path} ist beschädigt ({detail}). Bitte eine Kopie aufheben und"
        " eine neue Sitzung beginnen.",
        "The session file {path} is damaged ({detail}). Keep a copy and start a new session.",
    ),
    "session.disk_full": (
        "Kein Platz mehr auf dem Datenträger für {path}. Die Sitzung ist unversehrt: Platz"
        " schaffen und erneut starten – keine Stimme geht verloren.",
        "No space left on the disk for {path}. The session is intact: free some space and"
        " start again – no vote is lost.",
    ),
    "session.disk_error": (
        "{path} kann nicht geschrieben werden ({detail}). Die Sitzung ist unversehrt; bitte"
        " Platz und Schreibrechte prüfen und erneut starten.",
        "{path} cannot be written ({detail}). The session is intact; check free space and"
        " write permission, then start again.",
    ),
    "cli.bad_workers": (
        "--workers {workers}: zwischen 1 und 64 Prozesse",
        "--workers {workers}: between 1 and 64 processes",
    ),
    "cli.bad_port": (
        "Port {port} gibt es nicht (0 bis 65535)",
        "there is no port {port} (0 to 65535)",
    ),
    "cli.serve_workers_lost": (
        "Der Abstimmungs-Server hat alle seine HTTP-Prozesse verloren und hält an;"
        " die Sitzung ist gespeichert, ein Neustart setzt sie fort",
        "the voting server lost all its HTTP processes and stops; the session is saved,"
        " a restart resumes it",
    ),
    "cli.serve_failed": (
        "Der Server kann nicht starten: {detail}",
        "the server cannot start: {detail}",
    ),
    "cli.deck_failed": (
        "Das Deck kann nicht geöffnet werden:",
        "The deck cannot be opened:",
    ),
}
MESSAGES.update(UI_MESSAGES)
MESSAGES.update(HANDOUT_MESSAGES)
# One file per part of the app, so that work on one part never edits another's words.
for _part in (
    EDITOR_MESSAGES,
    NEW_TALK_MESSAGES,
    POLL_FORM_MESSAGES,
    RECOVERY_MESSAGES,
    PHONE_MESSAGES,
    VOTING_MESSAGES,
    RENDERING_MESSAGES,
    CLI_MESSAGES,
    COMPARE_MESSAGES,
    MINUTES_MESSAGES,
    QUIZ_MESSAGES,
    EVENING_MESSAGES,
    MOTION_MESSAGES,
    CARDS_MESSAGES,
):
    assert not MESSAGES.keys() & _part.keys(), "a message id is in two catalogue files"
    MESSAGES.update(_part)
