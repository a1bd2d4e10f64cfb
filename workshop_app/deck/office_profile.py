"""LibreOffice's profile for our conversions: nothing a file links to is fetched.

A presentation someone sent may link its pictures and objects to addresses
outside the room. LibreOffice fetches them while it converts (an OPTIONS, a HEAD
and a GET per link, with its name in the User-Agent): the sender learns when,
where and by whom the file was opened, and the README promises that nothing
leaves the room. Impuls's own network audit cannot see it: it is another program.

Three settings in the profile's registrymodifications.xcu, each enough alone
against the links we tried (http pictures and OLE objects in .odp and .pptx):
- "Block any links from documents not among the trusted locations" (LibreOffice
  7.x's BlockUntrustedRefererLinks): our working folder is never trusted.
- A proxy on this machine's discard port, for every protocol and every host: what
  the first setting misses fails here, inside the machine.
- Macros never run, and the update check never asks.
LibreOffice rewrites the file when it exits; we put our items back before each run.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from pathlib import Path

log = logging.getLogger("impuls.deck")

_OOR = "http://openoffice.org/2001/registry"
_XS = "http://www.w3.org/2001/XMLSchema"
ET.register_namespace("oor", _OOR)
ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")

_NOWHERE = ("127.0.0.1", 9)  # the discard port: a connection there is refused or swallowed
_SCRIPTING = "/org.openoffice.Office.Common/Security/Scripting"
_INTERNET = "/org.openoffice.Inet/Settings"
_UPDATES = (
    "/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments"
)
# (node path, property, value); LibreOffice knows each one's type from its schema
SETTINGS: tuple[tuple[str, str, str], ...] = (
    (_SCRIPTING, "BlockUntrustedRefererLinks", "true"),
    (_SCRIPTING, "DisableMacrosExecution", "true"),
    (_SCRIPTING, "MacroSecurityLevel", "3"),  # 3: very high
    (_INTERNET, "ooInetProxyType", "2"),  # 2: the proxy given here
    (_INTERNET, "ooInetNoProxy", ""),  # for every host, this machine's included
    *(
        (_INTERNET, f"ooInet{scheme}Proxy{part}", value)
        for scheme in ("HTTP", "HTTPS", "FTP")
        for part, value in (("Name", _NOWHERE[0]), ("Port", str(_NOWHERE[1])))
    ),
    (_UPDATES, "AutoCheckEnabled", "false"),
)


def keep_offline(profile: Path) -> None:
    """Write our settings into the LibreOffice profile at `profile` (made if missing),
    keeping whatever else LibreOffice stored there."""
    settings_file = profile / "user" / "registrymodifications.xcu"
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    root = _existing(settings_file)
    ours = {(path, name) for path, name, _ in SETTINGS}
    for item in list(root):
        prop = item.find("prop")
        if prop is not None and (item.get(f"{{{_OOR}}}path"), prop.get(f"{{{_OOR}}}name")) in ours:
            root.remove(item)
    for path, name, value in SETTINGS:
        item = ET.SubElement(root, "item", {f"{{{_OOR}}}path": path})
        prop = ET.SubElement(item, "prop", {f"{{{_OOR}}}name": name, f"{{{_OOR}}}op": "fuse"})
        ET.SubElement(prop, "value").text = value
    # LibreOffice types some values as "xs:int": a prefix used only inside values,
    # which ElementTree would not declare, and LibreOffice would then ignore the file.
    root.set("xmlns:xs", _XS)
    ET.ElementTree(root).write(settings_file, encoding="UTF-8", xml_declaration=True)


def _existing(settings_file: Path) -> ET.Element:
    """The profile's settings as LibreOffice left them; a fresh root if there are none
    or they cannot be read (LibreOffice then starts with its defaults plus ours)."""
    try:
        root = ET.parse(settings_file).getroot()
    except FileNotFoundError:
        return ET.Element(f"{{{_OOR}}}items")  # the first conversion
    except (OSError, ET.ParseError) as error:
        log.warning("LibreOffice's settings for Impuls were unreadable, made anew: %s", error)
        return ET.Element(f"{{{_OOR}}}items")
    return root if root.tag == f"{{{_OOR}}}items" else ET.Element(f"{{{_OOR}}}items")
