"""Reading registration YAML with file:line errors, and writing it back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance import catalog_files
from governance.catalog_files import RegistrationFileError, line_of, parse_with_lines
from governance.domain.registration import Registration
from governance.errors import BadInputError
from tests.builders import valid_document, write_yaml

YAML = """\
id: wmo-test
owner:
  name: A
purposes:
  - id: p1
    legal_basis:
      ground: public_task
  - id: p2
"""


def test_every_key_has_its_line() -> None:
    _, lines = parse_with_lines(YAML)
    assert lines[("id",)] == 1
    assert lines[("owner", "name")] == 3
    assert lines[("purposes", 0, "legal_basis", "ground")] == 7
    assert lines[("purposes", 1, "id")] == 8


def test_a_missing_key_points_at_its_nearest_parent() -> None:
    _, lines = parse_with_lines(YAML)
    assert line_of(lines, ("purposes", 0, "legal_basis", "provision")) == 6
    assert line_of(lines, ("nowhere",)) == 1


@given(
    st.dictionaries(
        st.from_regex(r"[a-z]{1,8}", fullmatch=True),
        st.integers() | st.text(alphabet="abc xyz", max_size=5),
        max_size=8,
    )
)
def test_line_of_each_top_level_key_is_its_position(mapping: dict[str, object]) -> None:
    import yaml

    text = yaml.safe_dump(mapping, sort_keys=False, default_flow_style=False, width=1000)
    data, lines = parse_with_lines(text)
    assert data == (mapping or None) or (data == {} and not mapping)
    for position, key in enumerate(mapping, start=1):
        assert lines[(key,)] == position


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: a\ntitle: [unclosed\n", ":3: YAML syntax error"),
        ("- just\n- a list\n", ":1: a registration is one mapping"),
        (YAML, ":1: 'title' is required"),
        ("id: a\nlist: &x [1]\nother: *x\n", ":2: YAML anchors and aliases"),
        ("a: &a [*a]\n", ":1: YAML anchors and aliases"),
        ("id: a\ntitle: x\nid: b\n", ":3: 'id' appears twice (first on line 1)"),
        ("", ": the file holds no registration"),
        (
            YAML.replace("ground: public_task", "ground: algemeen_belang"),
            ":7: 'purposes[0].legal_basis.ground': Input should be",
        ),
        (
            YAML.replace("  name: A", "  name: A\n  mobiel: 06"),
            ":4: unknown field 'owner.mobiel'; the fields allowed here are: name, department",
        ),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "wmo-test.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistrationFileError) as caught:
        catalog_files.load(path)
    assert any(f"{path}{expected}" in problem for problem in caught.value.problems), caught.value


def test_a_file_may_hold_several_registrations(tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    first = catalog_files.dump(Registration.model_validate(valid_document("een")))
    second = catalog_files.dump(Registration.model_validate(valid_document("twee")))
    path.write_text(first + "---\n" + second, encoding="utf-8")
    loaded = catalog_files.load(path)
    assert [f.registration.id for f in loaded] == ["een", "twee"]
    assert loaded[1].where(("id",)) == f"{path}:{first.count(chr(10)) + 2}"


def test_a_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "groot.yaml"
    path.write_text("# " + "x" * catalog_files.MAX_FILE_BYTES, encoding="utf-8")
    with pytest.raises(RegistrationFileError, match="too large"):
        catalog_files.load(path)


def test_a_file_in_another_encoding_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.yaml"
    path.write_bytes("title: Wachtlijst cliënten\n".encode("cp1252"))
    with pytest.raises(
        RegistrationFileError, match="cannot read the registration file: it is not UTF-8"
    ):
        catalog_files.load(path)


def test_write_then_load_is_stable(tmp_path: Path) -> None:
    [original] = catalog_files.load(write_yaml(valid_document(), tmp_path / "in" / "x.yaml"))
    written = catalog_files.write(original.registration, tmp_path / "out")
    [loaded] = catalog_files.load(written)
    again = loaded.registration
    assert again == original.registration
    assert catalog_files.dump(again) == written.read_text(encoding="utf-8")
    assert not list((tmp_path / "out").glob("*.partial"))


def test_discover_finds_yaml_recursively_and_refuses_missing_paths(tmp_path: Path) -> None:
    write_yaml(valid_document("a"), tmp_path / "a.yaml")
    write_yaml(valid_document("b"), tmp_path / "sub" / "b.yml")
    write_yaml(valid_document("c"), tmp_path / "sub" / "C.YAML")
    (tmp_path / "notes.txt").write_text("not a registration", encoding="utf-8")
    assert [p.name for p in catalog_files.discover([tmp_path])] == ["a.yaml", "C.YAML", "b.yml"]
    with pytest.raises(BadInputError, match="no such file or folder"):
        catalog_files.discover([tmp_path / "missing"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(BadInputError, match="no registration files"):
        catalog_files.discover([tmp_path / "empty"])
