"""Bytes to text: BOMs, UTF-16 without BOM, UTF-8 line by line with a cp1252 fallback."""

from __future__ import annotations

import re

from coding.transcripts.base import BINARY_CONTROL_SHARE, TranscriptError

_MAGIC_BINARY = (b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xd0\xcf\x11\xe0", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Detect the encoding of a text file and decode it.

    BOMs decide first (UTF-8, UTF-16 LE/BE); then UTF-16 without BOM is
    recognised by its pattern of zero bytes; then strict UTF-8; then cp1252 when
    bytes 0x80-0x9F occur (curly quotes, euro sign) and latin-1 otherwise. For
    Dutch text this is more reliable than statistical detectors, which guess
    odd code pages for short files.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        return _strict(data[2:], codec, name), codec
    if data.startswith(_MAGIC_BINARY):
        raise TranscriptError("binary", filename=name)
    sample = data[:4096]
    if len(sample) >= 4 and b"\x00" in sample:
        even_zero = sample[0::2].count(0) / len(sample[0::2])
        odd_zero = sample[1::2].count(0) / len(sample[1::2])
        if odd_zero > 0.3 and even_zero < 0.05:
            return _strict(data, "utf-16-le", name), "utf-16-le"
        if even_zero > 0.3 and odd_zero < 0.05:
            return _strict(data, "utf-16-be", name), "utf-16-be"
        raise TranscriptError("binary", filename=name)
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if any(0x80 <= byte <= 0x9F for byte in data):
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "latin-1"
        else:
            text, encoding = data.decode("latin-1"), "latin-1"
    _refuse_binary(text, name)
    return text, encoding


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise TranscriptError("encoding", filename=name) from exc
    _refuse_binary(text, name)
    return text


_CONTROL_RE = re.compile(r"[\x01-\x08\x0e-\x1f\x7f-\x9f]")


def _refuse_binary(text: str, name: str) -> None:
    if "\x00" in text:
        raise TranscriptError("binary", filename=name)
    controls = len(_CONTROL_RE.findall(text))
    if controls > max(2, len(text) * BINARY_CONTROL_SHARE):
        raise TranscriptError("binary", filename=name)

