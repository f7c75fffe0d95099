"""Small Arrow helpers the vectorised validators share.

A validator over a million cells cannot call Python per value. These helpers turn an Arrow
string array into numpy views (a matrix of digit codes for fixed-width numbers), so the
checksums are a handful of numpy operations over the whole column.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def as_string_array(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One contiguous string (or large string) array of the values, whatever their type.

    Chunked arrays are combined, dictionaries decoded, string views and other types cast:
    integers become their decimal text, the form an identifier takes in a numeric export.
    """
    if isinstance(values, pa.ChunkedArray):
        values = (
            values.combine_chunks()
            if values.num_chunks != 1
            else values.chunk(0)
            if values.num_chunks
            else pa.array([], type=values.type)
        )
    if pa.types.is_dictionary(values.type):
        values = values.dictionary_decode()
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        return values
    if pa.types.is_nested(values.type):
        return pa.nulls(len(values), pa.string())
    try:
        return values.cast(pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        # binary that is not UTF-8, or a type without a text form: nothing to recognise
        return pa.nulls(len(values), pa.string())


def _offsets_and_data(values: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The offsets (n + 1) and the UTF-8 bytes of a string array, without copying."""
    offset_type = np.int64 if pa.types.is_large_string(values.type) else np.int32
    buffers = values.buffers()
    offsets = np.frombuffer(buffers[1], dtype=offset_type)[
        values.offset : values.offset + len(values) + 1
    ]
    data = (
        np.frombuffer(buffers[2], dtype=np.uint8) if buffers[2] is not None else np.zeros(0, "u1")
    )
    return offsets, data


def fixed_width_codes(values: pa.Array, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Byte codes of the strings that are exactly `width` bytes long, as an (n, width) matrix.

    Returns the matrix (rows of other lengths, and nulls, are zero) and the mask of rows that
    had the width. The common case, a column where every value has the width, is a reshape
    of the data buffer without a copy of each value.
    """
    n = len(values)
    matrix = np.zeros((n, width), dtype=np.uint8)
    if n == 0:
        return matrix, np.zeros(0, dtype=bool)
    offsets, data = _offsets_and_data(values)
    lengths = np.diff(offsets)
    fits = lengths == width
    if values.null_count:
        fits &= np.asarray(values.is_valid())
    if fits.all() and offsets[-1] - offsets[0] == n * width:
        start = int(offsets[0])
        matrix = data[start : start + n * width].reshape(n, width)
        return matrix, fits
    starts = offsets[:-1][fits].astype(np.int64)
    if starts.size:
        matrix[fits] = data[starts[:, None] + np.arange(width)]
    return matrix, fits


def digit_matrix(values: pa.Array, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Digits of the values that are exactly `width` ASCII digits, as an (n, width) int array.

    Returns the digits (other rows hold zeros) and the mask of rows that were such numbers.
    """
    codes, fits = fixed_width_codes(values, width)
    digits = codes.astype(np.int16) - ord("0")
    is_digit = ((digits >= 0) & (digits <= 9)).all(axis=1)
    ok = fits & is_digit
    digits[~ok] = 0
    return digits, ok


def regex_mask(values: pa.Array, pattern: str) -> np.ndarray:
    """Where an RE2 pattern matches, as a numpy bool array (null → False)."""
    matched = pc.match_substring_regex(values, pattern)
    return np.asarray(matched.fill_null(False), dtype=bool)
