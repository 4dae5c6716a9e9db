"""The one error type of the mining engine: what was wrong with an event log, and where."""

from __future__ import annotations

from headway.errors import HeadwayError, Problem


class MiningError(HeadwayError):
    """An event log that cannot be read or mined.

    `message` says what is wrong and what to do; `where` names the place (file, line, row,
    column or case) when one is known. `str(error)` joins both; `problems` holds the one problem.
    """

    def __init__(self, message: str, where: str | None = None) -> None:
        self.message = message
        self.where = where
        text = f"{where}: {message}" if where else message
        super().__init__([Problem(message, (), where or "<event log>")], text)
