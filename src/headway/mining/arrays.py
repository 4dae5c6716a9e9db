"""Arrow arrays to and from NumPy without pandas.

pyarrow's own conversions (`pa.array`, `Array.to_numpy`) import pandas when it is installed
(~0.2 s once), only to check types; these build from and view the buffers directly.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

_DTYPES = {
    pa.int8(): np.int8,
    pa.int16(): np.int16,
    pa.int32(): np.int32,
    pa.int64(): np.int64,
    pa.uint8(): np.uint8,
    pa.uint16(): np.uint16,
    pa.uint32(): np.uint32,
    pa.uint64(): np.uint64,
    pa.float64(): np.float64,
}


def int_array(values: npt.NDArray[Any], kind: pa.DataType | None = None) -> pa.Array:
    """A NumPy integer array as an Arrow array without a copy (int64 unless `kind` says)."""
    kind = kind or pa.int64()
    dtype = np.int32 if kind == pa.int32() else np.int64
    data = np.ascontiguousarray(values, dtype=dtype)
    return pa.Array.from_buffers(kind, len(data), [None, pa.py_buffer(data)])


def numpy_of(values: pa.Array | pa.ChunkedArray) -> npt.NDArray[Any]:
    """The values of a null-free numeric or boolean Arrow array as NumPy.

    Numbers are a view of the Arrow buffer (no copy); booleans are unpacked from their bits.
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if values.null_count:
        raise ValueError("numpy_of needs an array without nulls (see numpy_and_valid)")
    return _data(values)


def numpy_and_valid(
    values: pa.Array | pa.ChunkedArray,
) -> tuple[npt.NDArray[Any], npt.NDArray[np.bool_]]:
    """(values, whether each is present) of a numeric Arrow array that may hold nulls.

    Where a value is missing, its entry in the first array is undefined: replace it.
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    data = _data(values)
    bitmap = values.buffers()[0]
    if bitmap is None or not values.null_count:
        return data, np.ones(len(values), dtype=np.bool_)
    return data, _bits(bitmap, values.offset, len(values))


def _bits(buffer: pa.Buffer | None, start: int, count: int) -> npt.NDArray[np.bool_]:
    bits = np.frombuffer(buffer, dtype=np.uint8) if buffer is not None else np.zeros(0, np.uint8)
    unpacked = np.unpackbits(bits, bitorder="little", count=start + count)
    found: npt.NDArray[np.bool_] = unpacked[start:].astype(np.bool_)
    return found


def _data(values: pa.Array) -> npt.NDArray[Any]:
    start, count = values.offset, len(values)
    data = values.buffers()[1]
    if pa.types.is_boolean(values.type):
        return _bits(data, start, count)
    dtype = _DTYPES.get(values.type)
    if dtype is None:
        raise TypeError(f"numpy_of does not convert {values.type}")
    if data is None:
        return np.zeros(0, dtype=dtype)
    return np.frombuffer(data, dtype=dtype)[start : start + count]
