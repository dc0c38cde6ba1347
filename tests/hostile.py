"""Hostile files, generated on the fly (never committed): zip bombs, XXE, huge and look-alike inputs.

Each builder returns bytes; sizes are chosen just over Weerbaar's limits so the
tests stay fast while proving the limit holds.
"""

from __future__ import annotations

import io
import struct
import zipfile

DOCX_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
DOCX_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>'
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def zip_bytes(members: dict[str, bytes], *, level: int = 9) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_with_document(document_xml: bytes) -> bytes:
    return zip_bytes(
        {"[Content_Types].xml": DOCX_CONTENT_TYPES, "_rels/.rels": DOCX_RELS, "word/document.xml": document_xml}
    )


def docx_bomb(megabytes: int = 120) -> bytes:
    """A valid-looking .docx whose document.xml unpacks to ``megabytes`` MB (compressed: a few hundred KB)."""
    paragraph = f"<w:p><w:r><w:t>{'a' * 1000}</w:t></w:r></w:p>".encode()
    count = megabytes * 1024 * 1024 // len(paragraph) + 1
    body = paragraph * count
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>'.encode() + body + b"</w:body></w:document>"
    return docx_with_document(xml)


def many_members_zip(count: int) -> bytes:
    return zip_bytes({f"sources/{i}.txt": b"x" for i in range(count)}, level=1)


def lying_header_zip(name: str, real: bytes, declared: int) -> bytes:
    """A zip whose headers declare ``declared`` bytes for ``name`` while the data inflates to ``real``."""
    data = bytearray(zip_bytes({name: real}))
    # local file header: uncompressed size at offset 22
    struct.pack_into("<I", data, 22, declared)
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


XXE_PROJECT = (
    b'<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;" origin="x"><Description>&xxe;</Description></Project>'
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>\n'
    b'<Project xmlns="urn:QDA-XML:project:1.0" name="&lol4;" origin="x"/>'
)
BROKEN_XML = b'<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>'


def vtt_with_cues(count: int, *, speakers: int = 2) -> bytes:
    lines = ["WEBVTT", ""]
    for i in range(count):
        start, end = i * 1000, i * 1000 + 900
        lines.append(f"{_stamp(start)} --> {_stamp(end)}")
        lines.append(f"<v Spreker {i % speakers}>Dit is zin {i} van het gesprek.</v>")
        lines.append("")
    return "\n".join(lines).encode()


def _stamp(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def txt_with_turns(count: int, *, words: int = 3) -> bytes:
    body = "\n".join(f"{'Interviewer' if i % 2 else 'R1'}: {' '.join(['ja'] * words)} {i}" for i in range(count))
    return body.encode()


def foreign_sqlite(path, *, tables: dict[str, str], revision: str | None = None):
    """An SQLite file with only ``tables`` (name -> column list) and, optionally, an alembic revision."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        for name, columns in tables.items():
            connection.execute(f"CREATE TABLE {name} ({columns})")
        if revision is not None:
            connection.execute("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
            connection.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
        connection.commit()
    finally:
        connection.close()
    return path


def with_revision(source, target, revision: str):
    """A copy of the SQLite file ``source`` whose alembic revision is set to ``revision``."""
    import shutil
    import sqlite3

    shutil.copyfile(source, target)
    connection = sqlite3.connect(target)
    try:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        connection.commit()
    finally:
        connection.close()
    return target


def truncated(source, target, *, keep: float = 0.5):
    """The first ``keep`` share of the file ``source`` (a damaged, half-copied backup)."""
    from pathlib import Path

    data = Path(source).read_bytes()
    Path(target).write_bytes(data[: int(len(data) * keep)])
    return target


def latin1_junk(size: int = 200 * 1024, seed: int = 13) -> bytes:
    """Random printable latin-1 bytes, as a .txt that is not a transcript."""
    import random

    alphabet = bytes([*range(0x20, 0x7F), *range(0xA0, 0x100)])
    rng = random.Random(seed)
    return bytes(rng.choice(alphabet) for _ in range(size))
