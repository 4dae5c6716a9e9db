"""`Kept`: the few most recently used values of a computation whose result never changes for
its key (a published document, its validated strategy, a report's engine results), kept in the
process so a second request does not pay for it again."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Kept(Generic[K, V]):
    """A thread-safe map keeping the `size` most recently used values; callers only read a
    value they get (it is shared with every later caller)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The value kept under `key`, else `compute()` (outside the lock: two threads asking
        at once may both compute it; the same key gives the same value) kept from now on."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = compute()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value
