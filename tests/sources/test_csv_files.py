"""CSV: encodings, delimiters, quoting, exact headers, nulls, samples, long records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from governance.errors import BadInputError
from governance.sources import UnreadableDataError, csv_files, read_table
from tests.sources.conftest import write_xlsx

WriteFile = Callable[[str, bytes | str], Path]

DUTCH = [
    ["naam", "plaats"],
    ["Zoë van Eé", "Wijk bij Duurstede"],
    ["Anaïs Brûlé", "Sint-Oedenrode"],
]


def _csv_text(rows: list[list[str]], delimiter: str) -> str:
    return "".join(delimiter.join(row) + "\r\n" for row in rows)


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252")],
)
def test_encodings_are_detected_and_decoded(
    write_file: WriteFile, encoding: str, detected: str
) -> None:
    path = write_file("namen.csv", _csv_text(DUTCH, ";").encode(encoding))
    loaded = read_table(path)
    assert loaded.encoding == detected
    assert loaded.table.column_names == ["naam", "plaats"]  # no BOM in the first name
    assert loaded.table.column("naam").to_pylist() == ["Zoë van Eé", "Anaïs Brûlé"]


def test_ascii_only_reads_as_utf8(write_file: WriteFile) -> None:
    loaded = read_table(write_file("a.csv", b"a,b\n1,2\n"))
    assert loaded.encoding == "utf-8"


def test_cp1252_is_detected_when_the_first_accent_is_far_down(
    write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    import governance.sources.csv_sniffing as sniffing

    monkeypatch.setattr(sniffing, "CHUNK_BYTES", 64)  # the é lies far beyond the first chunk
    body = "".join(f"{i};gewoon\n" for i in range(3000))
    content = ("nr;tekst\n" + body + "3000;Zoë\n").encode("cp1252")
    loaded = read_table(write_file("laat.csv", content))
    assert (loaded.encoding, loaded.delimiter) == ("cp1252", ";")
    assert loaded.rows == 3001
    assert loaded.table.column("tekst")[-1].as_py() == "Zoë"


def test_a_multibyte_character_across_the_chunk_border_is_utf8(
    write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    import governance.sources.csv_sniffing as sniffing

    monkeypatch.setattr(sniffing, "CHUNK_BYTES", 8)
    content = "a,b\n1,xé\n2,ë\n".encode()  # 'é' is bytes 7-8: split over two chunks
    loaded = read_table(write_file("rand.csv", content))
    assert loaded.encoding == "utf-8"
    assert loaded.table.column("b").to_pylist() == ["xé", "ë"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_detected(write_file: WriteFile, delimiter: str) -> None:
    rows = [["id", "naam", "bedrag"], ["1", "Piet", "1,5"], ["2", "Ans", "2"]]
    if delimiter == ",":
        rows[1][2] = '"1,5"'
    loaded = read_table(write_file("d.csv", _csv_text(rows, delimiter)))
    assert loaded.delimiter == delimiter
    assert loaded.table.column_names == ["id", "naam", "bedrag"]
    assert loaded.table.column("bedrag").to_pylist() == ["1,5", "2"]


def test_tsv_suffix_reads_as_csv(write_file: WriteFile) -> None:
    loaded = read_table(write_file("x.TSV", "a\tb\n1\t2\n"))
    assert (loaded.delimiter, loaded.rows) == ("\t", 1)


def test_semicolon_file_with_decimal_commas_and_commas_in_text(write_file: WriteFile) -> None:
    text = "Naam, voorletters;Uren;Opmerking\nJansen, P.;4,5;bel, mail\nBos, A.;12,25;x\n"
    loaded = read_table(write_file("s.csv", text))
    assert loaded.delimiter == ";"
    assert loaded.table.to_pylist()[0] == {
        "Naam, voorletters": "Jansen, P.",
        "Uren": "4,5",
        "Opmerking": "bel, mail",
    }


def test_quoted_fields_hold_delimiters_quotes_and_line_breaks(write_file: WriteFile) -> None:
    text = (
        "id;opmerking;postcode\r\n"
        '1;"bel; na 14:00\r\nof mail";"6651 AB"\r\n'
        '2;"zei ""nee""";6652CD\n'
        '3;"regel1\nregel2\n\nregel4";\n'
    )
    loaded = read_table(write_file("q.csv", text))
    assert loaded.delimiter == ";"
    assert loaded.rows == 3
    assert loaded.table.column("opmerking").to_pylist() == [
        "bel; na 14:00\r\nof mail",
        'zei "nee"',
        "regel1\nregel2\n\nregel4",
    ]
    assert loaded.table.column("postcode").to_pylist() == ["6651 AB", "6652CD", None]


def test_header_names_are_kept_exactly(write_file: WriteFile) -> None:
    text = 'Client_BSN, Naam ,"e-mail adres",CamelCase,"met ""quote"""\n1,2,3,4,5\n'
    loaded = read_table(write_file("h.csv", text))
    assert loaded.table.column_names == [
        "Client_BSN",
        " Naam ",
        "e-mail adres",
        "CamelCase",
        'met "quote"',
    ]


def test_empty_cells_are_null_and_the_text_null_stays_text(write_file: WriteFile) -> None:
    text = 'a,b,c,d\n,"",NULL, \nx,,null,\n'
    loaded = read_table(write_file("n.csv", text))
    assert loaded.table.to_pylist() == [
        {"a": None, "b": None, "c": "NULL", "d": " "},
        {"a": "x", "b": None, "c": "null", "d": None},
    ]


def test_values_are_never_typed(write_file: WriteFile) -> None:
    text = "bsn,bedrag,datum,vlag\n012345672,1e3,2024-01-05,true\n"
    loaded = read_table(write_file("t.csv", text))
    assert loaded.table.to_pylist() == [
        {"bsn": "012345672", "bedrag": "1e3", "datum": "2024-01-05", "vlag": "true"}
    ]


def test_header_only_file_is_a_clean_empty_table(write_file: WriteFile) -> None:
    loaded = read_table(write_file("leeg.csv", "\ufeffClient_BSN;Naam\r\n".encode()))
    assert (loaded.rows, loaded.rows_read) == (0, 0)
    assert loaded.table.column_names == ["Client_BSN", "Naam"]
    assert loaded.table.num_columns == 2
    assert (loaded.encoding, loaded.delimiter) == ("utf-8-sig", ";")


def test_header_without_final_line_break(write_file: WriteFile) -> None:
    loaded = read_table(write_file("h.csv", "a,b"))
    assert (loaded.rows, loaded.table.column_names) == (0, ["a", "b"])


def test_last_line_without_line_break(write_file: WriteFile) -> None:
    loaded = read_table(write_file("h.csv", "a,b\n1,2"))
    assert loaded.table.to_pylist() == [{"a": "1", "b": "2"}]


def test_blank_lines_are_skipped_and_not_counted(write_file: WriteFile) -> None:
    loaded = read_table(write_file("b.csv", "\na;b\n\n1;2\r\n\r\n3;4\n\n"))
    assert loaded.rows == 2
    assert loaded.table.column("a").to_pylist() == ["1", "3"]


def test_a_single_column_file(write_file: WriteFile) -> None:
    loaded = read_table(write_file("one.csv", "opmerking\nbel, na 2 uur\ngeen; niets\n"))
    assert loaded.table.column_names == ["opmerking"]
    assert loaded.table.column("opmerking").to_pylist() == ["bel, na 2 uur", "geen; niets"]


def test_a_record_larger_than_a_block_is_read(
    write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_files, "BLOCK_BYTES", 1024)
    monkeypatch.setattr(csv_files, "SAMPLE_BLOCK_BYTES", 1024)
    long_text = "lang verhaal\n" * 2000
    text = 'id,tekst\n1,"' + long_text + '"\n2,kort\n'
    path = write_file("lang.csv", text)
    loaded = read_table(path)
    assert loaded.table.column("tekst").to_pylist() == [long_text, "kort"]
    sample = read_table(path, sample=1)
    assert (sample.rows, sample.rows_read) == (2, 1)


def test_sample_of_a_large_file_reads_only_the_first_rows(write_file: WriteFile) -> None:
    body = "".join(f"{i},{i * 7 % 1000:09d}\n" for i in range(200_000))
    path = write_file("groot.csv", "nr,bsn\n" + body)
    loaded = read_table(path, sample=5)
    assert (loaded.rows, loaded.rows_read) == (200_000, 5)
    assert loaded.table.column("bsn").to_pylist() == [f"{i * 7 % 1000:09d}" for i in range(5)]
    assert loaded.table.column("nr").num_chunks == 1


def test_sample_counts_rows_with_quoted_line_breaks_once(write_file: WriteFile) -> None:
    text = 'a,b\n1,"x\ny"\n2,"p\r\nq"\n3,z\n'
    loaded = read_table(write_file("q.csv", text), sample=1)
    assert (loaded.rows, loaded.rows_read) == (3, 1)


def test_named_encoding_and_delimiter_replace_detection(write_file: WriteFile) -> None:
    # ';' would be detected; the registration says the file is '|'-separated latin-1
    content = "a;b|c\n1;2|\x81x\n".encode("latin-1")
    loaded = read_table(write_file("n.csv", content), encoding="latin-1", delimiter="|")
    assert (loaded.encoding, loaded.delimiter) == ("latin-1", "|")
    assert loaded.table.to_pylist() == [{"a;b": "1;2", "c": "\x81x"}]


def test_a_named_encoding_the_file_does_not_have_is_refused(write_file: WriteFile) -> None:
    path = write_file("n.csv", "a\nZoë\n".encode("cp1252"))
    with pytest.raises(UnreadableDataError, match=r"is not valid utf-8 \(line 2\)"):
        read_table(path, encoding="utf-8")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"encoding": "utf-16"}, "unknown CSV encoding 'utf-16'; known: utf-8, utf-8-sig"),
        ({"delimiter": ":"}, "unknown CSV delimiter ':'"),
    ],
)
def test_unknown_named_options_are_bad_input(
    write_file: WriteFile, options: dict[str, str], message: str
) -> None:
    with pytest.raises(BadInputError, match=message):
        read_table(write_file("n.csv", "a\n1\n"), **options)


def test_csv_options_are_refused_for_other_formats(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "w.xlsx", {"Blad1": [["a"], [1]]})
    with pytest.raises(UnreadableDataError, match="no encoding or delimiter"):
        read_table(path, delimiter=";")


def test_a_ragged_row_after_a_bom_is_located_on_its_line(write_file: WriteFile) -> None:
    path = write_file("r.csv", "\ufeffa\tb\n1\t2\n3\n".encode())
    with pytest.raises(UnreadableDataError, match="line 3 has 1 fields") as caught:
        read_table(path)
    assert "quote values that contain a tab" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "names", "rows"),
    [
        ('"two\nlines",b\n1,2\n', ["two\nlines", "b"], [["1", "2"]]),
        ("a,b\r1,2\r3,4", ["a", "b"], [["1", "2"], ["3", "4"]]),  # old Mac line ends
        ('a"b,c\n1,2\n', ['a"b', "c"], [["1", "2"]]),  # a quote inside an unquoted name
    ],
)
def test_unusual_but_valid_layouts(
    write_file: WriteFile, text: str, names: list[str], rows: list[list[str]]
) -> None:
    loaded = read_table(write_file("u.csv", text))
    assert loaded.table.column_names == names
    assert [list(r.values()) for r in loaded.table.to_pylist()] == rows
