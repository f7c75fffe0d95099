"""Parquet: typed columns become text; a sample reads only the row groups it needs."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from governance.sources import UnreadableDataError, read_table


@pytest.mark.parametrize(
    ("array", "texts"),
    [
        (pa.array([12345678, 123456782, None], pa.int64()), ["12345678", "123456782", None]),
        (pa.array([7], pa.uint8()), ["7"]),
        (pa.array([3.0, 2.5, None], pa.float64()), ["3", "2.5", None]),
        (pa.array([Decimal("12.50")], pa.decimal128(6, 2)), ["12.50"]),
        (pa.array([True, False], pa.bool_()), ["true", "false"]),
        (pa.array([date(2024, 1, 5)], pa.date32()), ["2024-01-05"]),
        (pa.array([datetime(2024, 1, 5, 10, 30)], pa.timestamp("s")), ["2024-01-05T10:30:00"]),
        (
            pa.array([datetime(2024, 1, 5, 10, 30, 0, 250000)], pa.timestamp("us")),
            ["2024-01-05T10:30:00.250000"],
        ),
        (
            pa.array([datetime(2024, 1, 5, 9)], pa.timestamp("ms", tz="UTC")),
            ["2024-01-05T09:00:00Z"],
        ),
        (pa.array([time(9, 45)], pa.time64("us")), ["09:45:00"]),
        (pa.array(["NULL", "", None, " x "], pa.string()), ["NULL", "", None, " x "]),
        (pa.array(["a", "b", "a"]).dictionary_encode(), ["a", "b", "a"]),
        (pa.array([b"tekst"], pa.binary()), ["tekst"]),
        (pa.array([b"\xff\x00"], pa.binary()), ["ff00"]),
        (pa.array([[1, 2], None], pa.list_(pa.int64())), ["[1, 2]", None]),
        (pa.array([None, None], pa.null()), [None, None]),
    ],
    ids=lambda v: str(v.type) if isinstance(v, pa.Array) else None,
)
def test_typed_columns_become_text(
    tmp_path: Path, array: pa.Array, texts: list[str | None]
) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"kolom": array}), path)
    loaded = read_table(path)
    assert loaded.table.schema.field("kolom").type == pa.string()
    assert loaded.table.column("kolom").to_pylist() == texts


def test_names_are_kept_exactly(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({" Client_BSN": [1], "Naam met spatie": ["x"]}), path)
    assert read_table(path).table.column_names == [" Client_BSN", "Naam met spatie"]


def test_sample_reads_only_the_row_groups_it_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"nr": list(range(1000))}), path, row_group_size=100)
    read_groups: list[list[int]] = []
    original = pq.ParquetFile.read_row_groups

    def spy(self: pq.ParquetFile, groups: list[int], *args: object, **kwargs: object) -> pa.Table:
        read_groups.append(list(groups))
        return original(self, groups, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "read_row_groups", spy)
    loaded = read_table(path, sample=150)
    assert read_groups == [[0, 1]]
    assert (loaded.rows, loaded.rows_read) == (1000, 150)
    assert loaded.table.column("nr").to_pylist() == [str(i) for i in range(150)]


def test_empty_parquet_is_a_clean_empty_table(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"a": pa.array([], pa.int64()), "b": pa.array([], pa.date32())}), path)
    for sample in (None, 5):
        loaded = read_table(path, sample=sample)
        assert (loaded.rows, loaded.rows_read, loaded.table.column_names) == (0, 0, ["a", "b"])
        assert loaded.table.schema.types == [pa.string(), pa.string()]


def test_duplicate_names_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    table = pa.Table.from_arrays([pa.array([1]), pa.array([2])], names=["bsn", "bsn"])
    pq.write_table(table, path)
    with pytest.raises(UnreadableDataError, match="columns 1 and 2 have the same name 'bsn'"):
        read_table(path)
