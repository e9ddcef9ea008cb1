"""Decoding raw bytes (cleaner.decode): BOMs, UTF-8, the cp1252 fallback, never raising."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.decode import decode_bytes, looks_binary

TEXT = "Café naïve — “quoted” 1€\nsecond line"


def test_plain_utf8() -> None:
    assert decode_bytes(TEXT.encode("utf-8")) == TEXT


def test_utf8_bom_is_dropped() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == TEXT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    data = bom + TEXT.encode(encoding)
    assert decode_bytes(data) == TEXT
    assert not looks_binary(data)  # NUL bytes of UTF-16 are not binary with a BOM


def test_utf16_default_encoder_output() -> None:
    data = TEXT.encode("utf-16")  # native order with BOM
    assert decode_bytes(data) == TEXT


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_with_bom(encoding: str) -> None:
    bom = codecs.BOM_UTF32_LE if encoding.endswith("le") else codecs.BOM_UTF32_BE
    assert decode_bytes(bom + TEXT.encode(encoding)) == TEXT


def test_invalid_utf8_falls_back_to_cp1252() -> None:
    text = "Café “smart quotes” – naïve €5"
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_bytes(data) == text


def test_valid_utf8_is_not_read_as_cp1252() -> None:
    # "Ã©" in cp1252 is the UTF-8 encoding of "é": UTF-8 must win.
    assert decode_bytes("é".encode("utf-8")) == "é"


def test_bytes_that_fit_neither_become_replacement_characters() -> None:
    # 0x81 and 0x8d are undefined in cp1252 and invalid as UTF-8 here.
    data = b"ok \x81 then \x8d end \xff"
    out = decode_bytes(data)
    assert out.startswith("ok ")
    assert "\ufffd" in out
    assert out.endswith("end \ufffd")


def test_truncated_utf8_sequence() -> None:
    out = decode_bytes("naïve".encode("utf-8")[:-3] + b"\xc3")
    assert isinstance(out, str)
    assert out.startswith("na")


def test_empty() -> None:
    assert decode_bytes(b"") == ""
    assert not looks_binary(b"")


def test_looks_binary() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert looks_binary(bytes(range(1, 32)) * 10)
    assert not looks_binary(b"plain text\twith tabs\r\nand lines\f")
    assert not looks_binary("Grüße".encode("cp1252"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_never_raises(data: bytes) -> None:
    out = decode_bytes(data)
    assert isinstance(out, str)
    # Decoding never loses a line: each LF byte outside a BOM-led multi-byte
    # encoding is still a line break.
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        assert out.count("\n") == data.count(b"\n")
    looks_binary(data)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=500))
def test_clean_of_any_bytes_never_raises(data: bytes) -> None:
    assert isinstance(cleaner.clean(data), str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_utf8_round_trip(text: str) -> None:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return
    expected = text[1:] if text.startswith("\ufeff") else text
    assert decode_bytes(data) == expected
