"""Names vulture cannot see being used: the libraries call or read them.

`vulture` (in the test command) reports code nothing uses. These are used, by
name, from outside our code: Qt's event handlers, html.parser's and reportlab's
callbacks and attributes, ziamath's settings, pytest's autouse fixtures and hooks, the e2e
driver's `do_<command>` dispatch. This file is never run; it only names them.
"""

from typing import Any

_: Any = None

# Qt calls these on our widgets.
_.eventFilter
_.dragEnterEvent
_.dropEvent
_.sizeHint
_.paintEvent
_.mergeWith
_.highlightBlock
# Kept so that Qt does not drop it: a QSyntaxHighlighter lives as long as it is held.
_.highlighter
# html.parser.HTMLParser calls these.
_.handle_startendtag
_.handle_data
# reportlab calls or reads these.
_.afterFlowable
_.canvas_basefontname
_.fontname
_.useA85
_.hAlign
# ziamath reads its settings.
_.svg2
# pymdownx.superfences passes it to every fence formatter.
_.class_name
# A theme file's colour for rules; kept so every theme file stays valid.
_.rule
# pytest runs autouse fixtures by itself.
_._isolated_user_dirs
_._default_language
_.no_question_left_open
# pytest calls its hooks by name.
_.pytest_sessionfinish
_.pytest_collection_modifyitems
# tests/e2e/driver.py dispatches `do_` + the command's name.
_.do_status
_.do_key
_.do_button
_.do_hands
_.do_approve
_.do_quit
# reportlab reads it from the document a test hands to its PDF reference.
_.idToObjectNumberAndVersion
# python-pptx reads these when the tests write a 16:9 PowerPoint file.
_.slide_width
_.slide_height
# http.server calls a handler's do_ + the request's method, and its log_message.
_.do_GET
_.do_HEAD
_.do_POST
_.do_OPTIONS
_.do_PROPFIND
_.log_message
# asyncio calls a protocol's data_received (bench/phones.py's phones).
_.data_received
# python-docx writes these into the minutes' .docx (handout/minutes_docx.py).
_.page_width
_.page_height
_.subject
_.space_before
