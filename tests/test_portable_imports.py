"""Every module of the package imports where the POSIX-only modules are missing, as on Windows.

`mypy --platform win32` checks the types of both paths; this checks the imports themselves,
in a fresh interpreter where `import fcntl` (and resource, termios, pwd, grp) fails as it
does on Windows. It runs on Linux and macOS; on Windows the modules are missing anyway.
"""

from __future__ import annotations

import json
import subprocess
import sys

from workshop_app.paths import ROOT

BLOCKED = ("fcntl", "resource", "termios", "pwd", "grp")
# Third-party modules that import a blocked module only in their Linux code, where Windows
# runs other code of theirs. psutil's Linux backend, psutil._pslinux, imports `resource` at
# import time; on Windows psutil loads psutil._pswindows instead. Only that importer gets the
# module, and only for its own import statement: ours still fail after it.
LINUX_ONLY_IMPORTS = {"psutil._pslinux": ["resource"]}

# Runs in the fresh interpreter: the blocks go up before anything of ours (or of the
# libraries) is imported, then every module is imported and the failures printed as JSON.
PROBE = """
import builtins
import sys

BLOCKED, LINUX_ONLY_IMPORTS = {blocked!r}, {linux_only!r}
for name in BLOCKED:
    sys.modules[name] = None  # `import fcntl` raises ModuleNotFoundError, as on Windows

real_import = builtins.__import__


def portable_import(name, globals=None, locals=None, fromlist=(), level=0):
    importer = (globals or {{}}).get("__name__")
    if level == 0 and name in LINUX_ONLY_IMPORTS.get(importer, ()):
        del sys.modules[name]
        try:
            return real_import(name, globals, locals, fromlist, level)
        finally:
            sys.modules[name] = None  # still blocked for every other importer
    return real_import(name, globals, locals, fromlist, level)


builtins.__import__ = portable_import

import importlib
import json
import pkgutil
import runpy

import workshop_app

failed = {{}}
names = []


def note(name, error):
    failed[name] = f"{{type(error).__name__}}: {{error}}"


walked = pkgutil.walk_packages(workshop_app.__path__, "workshop_app.", onerror=lambda n: None)
for info in walked:
    names.append(info.name)
    if info.name == "workshop_app.__main__":
        continue  # importing it runs the program: run below with --help instead
    try:
        importlib.import_module(info.name)
    except Exception as error:
        note(info.name, error)
sys.argv = ["impuls", "--help"]
try:
    runpy.run_module("workshop_app", run_name="__main__")
except SystemExit as stop:
    if stop.code not in (0, None):
        failed["workshop_app.__main__"] = f"--help exited with {{stop.code}}"
except Exception as error:
    note("workshop_app.__main__", error)
print("\\n" + json.dumps({{"modules": names, "failed": failed}}))
"""


def _package_modules() -> set[str]:
    """Every module of the package, from its files: what the walk must have found."""
    found = set()
    for path in (ROOT / "workshop_app").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_every_module_imports_without_the_posix_only_modules() -> None:
    probe = PROBE.format(blocked=BLOCKED, linux_only=LINUX_ONLY_IMPORTS)
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["failed"] == {}, "\n".join(f"{m}: {e}" for m, e in report["failed"].items())
    assert {"workshop_app", *report["modules"]} == _package_modules()


def test_the_probe_blocks_what_windows_lacks() -> None:
    """The probe itself: a blocked module fails for our code, also after psutil imported it."""
    probe = PROBE.format(blocked=BLOCKED, linux_only=LINUX_ONLY_IMPORTS).split(
        "import importlib\n"
    )[0]
    check = "import psutil\n" + "".join(
        f"try:\n    import {name}\nexcept ModuleNotFoundError:\n    pass\n"
        f"else:\n    raise SystemExit('{name} was not blocked')\n"
        for name in BLOCKED
    )
    result = subprocess.run(
        [sys.executable, "-c", probe + check],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
