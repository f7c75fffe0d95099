"""The delimiter and text checks on their own, with the tricky cases spelled out."""

from __future__ import annotations

import pytest

from governance.sources import UnreadableDataError
from governance.sources.csv_sniffing import check_text, header_names, sniff_delimiter


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2;3\n", ";"),
        ("a\tb\n1\t2\n", "\t"),
        ("a|b\n1|2\n", "|"),
        # decimal commas in a ';' file
        ("naam;uren\nA;4,5\nB;12,25\n", ";"),
        # a comma inside a header name of a ';' file, and in the values
        ("Naam, voorletters;Uren\nJansen, P.;4,5\nBos, A.;3\n", ";"),
        # quoted delimiters and line breaks do not count
        ('a,b\n"x;y;z",2\n"p\nq;r",3\n', ","),
        ('a;b\n"1,5";"2,5"\n', ";"),
        # a '|' in a header name of a ',' file
        ("a|b,c\n1,2\n3,4\n", ","),
        # one column: no delimiter in the header, commas in the values
        ("opmerking\nbel, na twee uur\ngeen, niets\n", ";"),
        ("opmerking\nbel\n", ","),
        # header only
        ("Client_BSN;Naam\n", ";"),
    ],
)
def test_sniff_delimiter(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text, complete=True) == delimiter


def test_a_cut_off_last_record_in_a_head_sample_is_ignored() -> None:
    head = "a;b;c\n1;2;3\n4;5;6\n7;8,5"  # the head ends inside the last record
    assert sniff_delimiter(head, complete=False) == ";"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("a,b\n1,2\n", ["a", "b"]),
        ('"Client_BSN"," Naam ","x,y"\n', ["Client_BSN", " Naam ", "x,y"]),
        ("\n\nh1,h2\n", ["h1", "h2"]),
        ('"two\nlines",b\n', ["two\nlines", "b"]),
        ("", []),
    ],
)
def test_header_names(text: str, names: list[str]) -> None:
    assert header_names(text, ",") == names


@pytest.mark.parametrize(
    ("head", "fragment"),
    [
        (b"PK\x03\x04rest", "ZIP archive"),
        (b"PAR1rest", "Parquet file"),
        (b"\xd0\xcf\x11\xe0rest", "old Excel"),
        (b"%PDF-1.7", "PDF"),
        (b"\x1f\x8b\x08", "gzip"),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"\xff\xfe\x00\x00a\x00\x00\x00", "UTF-32"),
        (b"\xfe\xff\x00a", "UTF-16"),
        ("a;b\n".encode("utf-16-be"), "UTF-16"),
        (b"a,b\n\x00\x01\x02", "binary data (NUL bytes)"),
        (b"a,b\n" + bytes(range(1, 9)) * 4, "binary data (control bytes)"),
    ],
)
def test_check_text_refuses_what_is_not_text(head: bytes, fragment: str) -> None:
    with pytest.raises(UnreadableDataError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        check_text(head, "f.csv")


@pytest.mark.parametrize(
    "head",
    [
        b"a,b\r\n1,2\r\n",
        "naam;plaats\nZoë;Eé\n".encode("cp1252"),
        b"a\tb\x0c\n",  # a form feed is text
        b"\xef\xbb\xbfa;b\n",
    ],
)
def test_check_text_accepts_text(head: bytes) -> None:
    check_text(head, "f.csv")
