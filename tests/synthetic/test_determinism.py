"""Same seed, same bytes: the demo and the tests can rely on the exact files."""

from __future__ import annotations

from pathlib import Path

from governance.synthetic import generate_pilot_data
from tests.test_example_catalog import PILOT_IDS


def _contents(out_dir: Path, seed: int) -> dict[str, bytes]:
    return {f.dataset_id: f.path.read_bytes() for f in generate_pilot_data(out_dir, seed, rows=80)}


def test_same_seed_gives_identical_bytes_for_every_format(tmp_path: Path) -> None:
    first = _contents(tmp_path / "a", seed=7)
    second = _contents(tmp_path / "b", seed=7)
    assert first.keys() == second.keys() == PILOT_IDS
    for dataset_id in first:
        assert first[dataset_id] == second[dataset_id], dataset_id


def test_a_different_seed_gives_different_data(tmp_path: Path) -> None:
    first = _contents(tmp_path / "a", seed=7)
    other = _contents(tmp_path / "b", seed=8)
    assert first.keys() == other.keys() == PILOT_IDS
    for dataset_id in first:
        assert first[dataset_id] != other[dataset_id], dataset_id


def test_rerunning_into_the_same_directory_overwrites(tmp_path: Path) -> None:
    first = _contents(tmp_path, seed=7)
    again = _contents(tmp_path, seed=7)
    assert first == again
