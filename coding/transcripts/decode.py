"""Bytes to text: BOMs, UTF-16 without BOM, UTF-8 line by line with a cp1252 fallback."""

from __future__ import annotations

import re

from coding.transcripts.base import BINARY_CONTROL_SHARE, MAX_REPORTED_LINES, TranscriptError
from texts import t

_MAGIC_BINARY = (b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xd0\xcf\x11\xe0", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")


def _decode(data: bytes, name: str, warnings: list[str]) -> tuple[str, str]:
    """Detect the encoding of a text file and decode it.

    BOMs decide first (UTF-8, UTF-16 LE/BE); then UTF-16 without BOM is
    recognised by its pattern of zero bytes; then strict UTF-8. A file that is
    not UTF-8 as a whole is decoded line by line (:func:`_decode_lines`): UTF-8
    first, cp1252 (latin-1) for the lines that are not, so one pasted Windows
    line does not turn every ``é`` of a UTF-8 file into ``Ã©``; the repaired
    lines are named in a warning. For Dutch text this is more reliable than
    statistical detectors, which guess odd code pages for short files.
    """
    utf8_name = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data, utf8_name = data[3:], "utf-8-sig"
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
        text, encoding = data.decode("utf-8"), utf8_name
    except UnicodeDecodeError:
        text, encoding, repaired = _decode_lines(data)
        if encoding == "utf-8":
            encoding = utf8_name
        if repaired:
            shown = ", ".join(str(number) for number in repaired[:MAX_REPORTED_LINES])
            more = "…" if len(repaired) > MAX_REPORTED_LINES else ""
            warnings.append(t("transcripts.warning.mixed_encoding", count=len(repaired), lines=shown + more))
    _refuse_binary(text, name)
    _refuse_junk(text, name)
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


JUNK_MIN_CHARS = 2000
"""Below this length a file is too short to judge as junk."""
MIN_SPACE_SHARE = 0.01
"""Written language (except Chinese and Japanese) has a space or line break every few words."""
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _refuse_junk(text: str, name: str) -> None:
    """Refuse random bytes that decode as latin-1 "text": almost no spaces between the "words"."""
    if len(text) < JUNK_MIN_CHARS:
        return
    spaces = text.count(" ") + text.count("\n") + text.count("\t")
    if spaces >= len(text) * MIN_SPACE_SHARE:
        return
    if len(_CJK_RE.findall(text)) > 0.3 * len(text):
        return
    raise TranscriptError("not_text", filename=name)


def _decode_lines(data: bytes) -> tuple[str, str, list[int]]:
    """Decode line by line: UTF-8 where valid, else cp1252 (latin-1 for its five holes).

    Returns the text, the encoding to report and the numbers of the lines that
    were repaired. A file whose non-ASCII lines are all not UTF-8 is simply a
    cp1252 (or latin-1) file: nothing is reported as repaired then.
    """
    legacy = "cp1252" if any(0x80 <= byte <= 0x9F for byte in data) else "latin-1"
    parts: list[str] = []
    repaired: list[int] = []
    utf8_lines = 0
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8")
            if not raw.isascii():
                utf8_lines += 1
        except UnicodeDecodeError:
            try:
                line = raw.decode("cp1252")
            except UnicodeDecodeError:
                line = raw.decode("latin-1")
            repaired.append(number)
        parts.append(line)
    text = "\n".join(parts)
    if utf8_lines == 0:
        return text, legacy, []
    return text, "utf-8", repaired
