"""The handout's renderer in a process of its own, started before the session is read.

Most of an `export` is start-up, in two halves that do not need each other until the
PDF is laid out: reportlab's imports and the TrueType fonts on one side, the session
file, PyYAML, Python-Markdown and the deck parser on the other. So the CLI starts the
press first: on Linux with a second core it forks a renderer that imports reportlab
and reads the fonts while this process reads the session. The job (deck, snapshot,
where to, how) then goes over a pipe, the renderer writes the PDF and answers with
the outcome. With one core, without fork, or with other threads running (a fork copies
their locks but not the threads that would release them) it renders in this process;
the outcome is the same either way.

Qt-free and used by the CLI only: the app's export runs on a worker thread with
progress and cancel (ui/export_dialog.py).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import pickle
import re
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workshop_app.deck import Deck
    from workshop_app.session.snapshot import SessionSnapshot


@dataclass(frozen=True)
class Job:
    deck: Deck
    snapshot: SessionSnapshot | None  # None: slides and notes only
    pdf: Path
    layout: str = "slides"
    lang: str = "de"
    print_colors: str = "light"
    notes: bool = False  # the speaker's notes in a members' handout
    checksum_page: bool = False  # the checking page, in a layout that has only the line


@dataclass(frozen=True)
class Outcome:
    pages: int = 0
    error: str | None = None  # a sentence for the user (no font, disk full); None: written


class PressError(Exception):
    """The renderer process ended without an answer (killed, or a bug it printed)."""


def render(job: Job) -> Outcome:
    """Write the handout for `job`; expected failures become an Outcome, not an exception."""
    from workshop_app.handout.document import HandoutInput, Layout, PrintColors, build_handout
    from workshop_app.handout.fonts import FontError

    try:
        written = build_handout(HandoutInput(job.deck, job.snapshot), job.pdf,
                                layout=Layout(job.layout), lang=job.lang,
                                print_colors=PrintColors(job.print_colors),
                                notes=job.notes,
                                checksum_page=job.checksum_page)  # fmt: skip
    except FontError as error:
        return Outcome(error=str(error))
    except OSError as error:
        return Outcome(error=f"{error.filename or job.pdf} {error.strerror or error}")
    return Outcome(pages=written.pages)


class _PatternOnFirstUse:
    """A regular expression compiled when first used, not when its module is imported."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = _compile(*self._source)
        return getattr(self._compiled, name)


_compile = re.compile


@contextlib.contextmanager
def _large_caseless_patterns_on_first_use() -> Iterator[None]:
    """reportlab.platypus.paragraph compiles one URL pattern at import, case-insensitive
    over \\xa1-\\uffff, which costs ~30 ms (a tenth of an export) to build a table the
    handout never uses: it serves only to break over-long URLs. While that module loads,
    such patterns are compiled on first use instead. Only in the renderer process, which
    has a single thread, so swapping `re.compile` for the import affects nothing else."""

    def compile_later(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and flags & re.IGNORECASE and len(pattern) > 200:
            return _PatternOnFirstUse(pattern, flags)
        return _compile(pattern, flags)

    re.compile = compile_later
    try:
        yield
    finally:
        re.compile = _compile


def _pillow_on_first_use() -> None:
    """reportlab.lib.utils imports Pillow's Image module (~8 ms) at import; a handout
    needs it only for slide images. Python's LazyLoader loads it on first use."""
    import PIL

    spec = importlib.util.find_spec("PIL.Image")
    if spec is None or spec.loader is None or "PIL.Image" in sys.modules:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["PIL.Image"] = module
    PIL.Image = module  # what `from PIL import Image` finds
    spec.loader.exec_module(module)


def _warm_up() -> None:
    """What every handout needs, loaded before the job arrives."""
    _pillow_on_first_use()
    with _large_caseless_patterns_on_first_use():
        import reportlab.platypus.paragraph  # noqa: F401 - loaded for its side effect
    import workshop_app.handout.document  # noqa: F401 - the rest of platypus, the charts, themes
    from workshop_app.handout import fonts

    with contextlib.suppress(fonts.FontError):  # render() meets it again and reports it
        fonts.register_fonts()


def _can_fork() -> bool:
    """Linux with a second core and no other thread: only there it saves time, safely."""
    if os.environ.get("IMPULS_NO_FORK") == "1":  # the portable path, tested on Linux too
        return False
    if sys.platform == "linux":
        if len(os.sched_getaffinity(0)) < 2:
            return False
        try:  # every thread of this process, Python's and native ones (Qt's, SQLite's)
            return sum(1 for _ in Path("/proc/self/task").iterdir()) == 1
        except OSError:
            return False
    else:
        return False


def _dumps(job: Job) -> bytes:
    """Pickle `job`; the deck model keeps read-only mappings, which pickle cannot by itself."""
    from workshop_app.deck.pickling import dumps  # the deck model is loaded by now

    return dumps(job)


def _read_all(fd: int) -> bytes:
    with os.fdopen(fd, "rb") as stream:
        return stream.read()


class Press:
    """Start with `Press.start()` before reading the session; then `print(job)` or `cancel()`."""

    def __init__(self, pid: int | None, jobs: int | None, outcomes: int | None) -> None:
        self.pid = pid  # the renderer's; None: renders in this process
        self._jobs = jobs
        self._outcomes = outcomes

    @property
    def forked(self) -> bool:
        return self.pid is not None

    @classmethod
    def start(cls) -> Press:
        if sys.platform == "linux" and _can_fork():
            job_read, job_write = os.pipe()
            outcome_read, outcome_write = os.pipe()
            sys.stdout.flush()  # or the renderer would inherit, and print, what is buffered
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:  # the renderer
                os.close(job_write)
                os.close(outcome_read)
                _serve(job_read, outcome_write)  # never returns
            os.close(job_read)
            os.close(outcome_write)
            return cls(pid, job_write, outcome_read)
        return cls(None, None, None)

    def print(self, job: Job) -> Outcome:
        if self.pid is None or self._jobs is None or self._outcomes is None:
            return render(job)
        jobs, self._jobs = self._jobs, None
        try:
            with os.fdopen(jobs, "wb") as stream:
                stream.write(_dumps(job))
        except BrokenPipeError:
            pass  # the renderer is gone; its missing answer below says so
        outcomes, self._outcomes = self._outcomes, None  # _read_all closes it, come what may
        answer = _read_all(outcomes)
        self._reap()
        if not answer:
            raise PressError("the PDF renderer ended without an answer")
        outcome: Outcome = pickle.loads(answer)
        return outcome

    def cancel(self) -> None:
        """Nothing to print (the session could not be read): the renderer ends unused."""
        for fd in (self._jobs, self._outcomes):
            if fd is not None:
                os.close(fd)
        self._jobs = self._outcomes = None
        self._reap()

    def _reap(self) -> None:
        if self.pid is not None:
            os.waitpid(self.pid, 0)
            self.pid = None


def interrupted(error: BaseException) -> bool:
    """Whether `error` is Ctrl-C, also where a library turned it into another error.

    reportlab formats PDF references in a bare `except:` that raises KeyError, so
    an interrupt during the final save arrives as a KeyError with the
    KeyboardInterrupt as its context.
    """
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _serve(jobs: int, outcomes: int) -> None:
    """The renderer's life: warm up, take one job, answer, leave without running the parent's
    atexit handlers or flushing its copied stdio buffers (hence os._exit)."""
    code = 0
    try:
        _warm_up()
        data = _read_all(jobs)
        if data:  # empty: the CLI cancelled
            outcome = render(pickle.loads(data))
            with os.fdopen(outcomes, "wb") as stream:
                stream.write(pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL))
    except KeyboardInterrupt:  # Ctrl-C reaches the process group; the CLI says it
        code = 130
    except BrokenPipeError:  # the CLI is gone (killed): nobody to answer
        code = 1
    except BaseException as error:
        if interrupted(error):
            code = 130
        else:  # a bug: print it; the CLI reports the missing answer
            traceback.print_exc()
            code = 1
    finally:
        sys.stderr.flush()
        os._exit(code)
