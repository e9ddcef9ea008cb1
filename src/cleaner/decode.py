"""Bytes in, text out: how raw input is decoded before it is split into lines.

The policy, in order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; else
the encoding the input declares, if any and if it fits; else strict UTF-8; else cp1252 where every byte maps, which is what mislabelled
Western pages almost always are; else UTF-8 with replacement characters, so
that decoding never fails and never drops a line.

>>> decode_bytes("café".encode("cp1252"))
'café'
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


#: Share of control bytes (other than whitespace) above which input is binary.
BINARY_CONTROL_SHARE = 0.10
#: How much of the input the binary check reads.
BINARY_SNIFF_BYTES = 8192
_TEXT_CONTROLS = set(b"\t\n\r\f\v\x1b")


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any encoding we read (NUL bytes, many controls).

    UTF-16 and UTF-32 with a byte-order mark hold NUL bytes and are text.

    >>> looks_binary(bytes([0x89, 0x50, 0x4E, 0x47, 0, 0])), looks_binary("naïve".encode())
    (True, False)
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    head = data[:BINARY_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    return bool(head) and controls / len(head) > BINARY_CONTROL_SHARE


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode raw input by the policy above; never raises.

    ``declared`` is an encoding the input names for itself (an HTML page's
    charset); it is tried after a byte-order mark and before UTF-8, and used
    only if the bytes decode under it without error.

    >>> decode_bytes(b"\\xef\\xbb\\xbfhello")
    'hello'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def as_text(text: str | bytes) -> str:
    """Page text as given to the cleaner: ``str`` as it is, bytes decoded by
    :func:`decode_bytes`; anything else is a :class:`TypeError`.

    >>> as_text(b"caf\\xe9")
    'café'
    """
    if isinstance(text, (bytes, bytearray)):
        return decode_bytes(bytes(text))
    if not isinstance(text, str):
        raise TypeError(f"expected str or bytes, got {type(text).__name__}")
    return text
