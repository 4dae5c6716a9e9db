"""Progress of a long command on stderr: after a second, the phase, bytes read and events.

Whatever the output format (tables or `--json` on stdout), a run that lasts more than
`AFTER` seconds says on stderr what it is doing every `EVERY` seconds, then how long it took:

    mine: reading events.xes.gz: 48.2 MB of 142.0 MB (3 s)
    mine: reading events.csv: 539.1 MB, 3,145,728 events (3 s)
    mine: measuring activities, flow and variants: 10,000,000 events (14 s)
    mine: done in 21 s

A line at a time (not a redrawn bar), so it reads the same in a terminal, a log file or a CI job.
"""

from __future__ import annotations

import threading
import time
from types import TracebackType

from headway.cli.app import errors

AFTER = 1.0
"""Seconds a run lasts before its progress is shown."""
EVERY = 2.0
"""Seconds between two progress lines."""
MB = 1e6


class Progress:
    """The phase and counters of a command, printed to stderr by a helper thread."""

    def __init__(self, command: str, phase: str, total_bytes: int = 0) -> None:
        self.command = command
        self.phase = phase
        self.total_bytes = total_bytes
        self.done_bytes: int | None = None
        self.events: int | None = None
        self._started = time.monotonic()
        self._stop = threading.Event()
        self._shown = False
        self._printing = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="progress", daemon=True)

    def bytes_read(self, done: int, total: int) -> None:
        """A reader's progress callback: `done` of `total` bytes of the file read."""
        self.done_bytes, self.total_bytes = done, total

    def events_read(self, count: int) -> None:
        """A reader's progress callback: `count` events read so far (CSV and Parquet)."""
        self.events = count

    def next_phase(self, phase: str, events: int | None = None) -> None:
        """Start the next phase (with the events counted so far, when known); the file's
        bytes are no longer shown. Once the run has lasted `AFTER` seconds, the new phase is
        shown at once, not only at the next tick."""
        self.phase, self.events, self.done_bytes, self.total_bytes = phase, events, None, 0
        if time.monotonic() - self._started >= AFTER:
            self._show()

    def line(self) -> str:
        """The progress as one line of text."""
        parts = []
        if self.done_bytes is not None and self.total_bytes:
            parts.append(f"{self.done_bytes / MB:,.1f} MB of {self.total_bytes / MB:,.1f} MB")
        elif self.total_bytes:
            parts.append(f"{self.total_bytes / MB:,.1f} MB")
        if self.events is not None:
            parts.append(f"{self.events:,} events")
        counters = f": {', '.join(parts)}" if parts else ""
        seconds = time.monotonic() - self._started
        return f"{self.command}: {self.phase}{counters} ({seconds:.0f} s)"

    def _show(self) -> None:
        with self._printing:
            self._shown = True
            errors.print(self.line(), markup=False, soft_wrap=True)

    def _run(self) -> None:
        if self._stop.wait(AFTER):
            return
        while True:
            self._show()
            if self._stop.wait(EVERY):
                return

    def __enter__(self) -> Progress:
        if AFTER <= 0:
            self._show()  # the first phase, before any of it can pass unseen
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        if self._shown and kind is None:
            seconds = time.monotonic() - self._started
            errors.print(f"{self.command}: done in {seconds:.0f} s", markup=False)
