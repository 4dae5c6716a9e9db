"""The one error type of the mining engine: what was wrong with an event log, and where."""

from __future__ import annotations


class MiningError(Exception):
    """An event log that cannot be read or mined.

    `message` says what is wrong and what to do; `where` names the place (file, line, row,
    column or case) when one is known. `str(error)` joins both.
    """

    def __init__(self, message: str, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)
