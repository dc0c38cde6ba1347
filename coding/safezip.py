"""Reading zip archives (.docx, .qdpx, .xlsx) from untrusted users without a zip bomb going off.

The compressed upload limit says nothing about what an archive unpacks to: a
1.6 MB .docx can hold a 1.5 GiB ``document.xml``. Every archive is therefore
checked before anything reads it, and read with a cap:

* the number of members is limited (:data:`MAX_MEMBERS`);
* the sum of the uncompressed sizes in the central directory is limited;
* the headers are not trusted: :func:`verify` stream-reads every member in
  chunks and stops as soon as the real output passes the limit, and
  :func:`read_member` does the same for one member it returns.

Problems raise :class:`ZipLimitError` with a Dutch message.
"""

from __future__ import annotations

import io
import zipfile

from texts import WeerbaarError

MAX_MEMBERS = 5_000
"""At most this many members in one archive."""
MAX_UNCOMPRESSED = 200 * 1024 * 1024
"""Default: an archive unpacks to at most 200 MB in total."""
CHUNK = 1024 * 1024


class ZipLimitError(WeerbaarError, ValueError):
    """An archive that is broken, encrypted or unpacks beyond the limits (codes ``corrupt``,
    ``members``, ``too_large``, ``encrypted``)."""

    key_prefix = "zip.error."


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


def open_archive(
    data: bytes, filename: str, *, max_total: int = MAX_UNCOMPRESSED, max_members: int = MAX_MEMBERS
) -> zipfile.ZipFile:
    """Open ``data`` as a zip archive after checking its directory against the limits.

    Raises:
        ZipLimitError: Not a zip, encrypted, too many members, or the declared
            uncompressed size is over ``max_total``.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ZipLimitError("corrupt", filename=filename) from exc
    if len(members) > max_members:
        archive.close()
        raise ZipLimitError("members", filename=filename, count=len(members), limit=max_members)
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            archive.close()
            raise ZipLimitError("encrypted", filename=filename)
        total += member.file_size
        if total > max_total:
            archive.close()
            raise ZipLimitError("too_large", filename=filename, limit_mb=_megabytes(max_total), member=member.filename)
    return archive


def read_member(
    archive: zipfile.ZipFile, name: str, filename: str, *, limit: int, used: list[int] | None = None
) -> bytes:
    """The bytes of one member, read in chunks and refused once they pass ``limit``.

    ``used`` (a one-element list) carries a running total over several calls,
    so a whole archive stays under one budget whatever its headers say.
    """
    budget = limit - (used[0] if used else 0)
    buffer = io.BytesIO()
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(CHUNK):
                buffer.write(chunk)
                if buffer.tell() > budget:
                    raise ZipLimitError("too_large", filename=filename, limit_mb=_megabytes(limit), member=name)
    except ZipLimitError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
        raise ZipLimitError("corrupt", filename=filename) from exc
    if used is not None:
        used[0] += buffer.tell()
    return buffer.getvalue()


def verify(archive: zipfile.ZipFile, filename: str, *, limit: int = MAX_UNCOMPRESSED) -> None:
    """Stream-read every member (discarding the output) to prove the real total is under ``limit``."""
    total = 0
    for member in archive.infolist():
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(CHUNK):
                    total += len(chunk)
                    if total > limit:
                        raise ZipLimitError(
                            "too_large", filename=filename, limit_mb=_megabytes(limit), member=member.filename
                        )
        except ZipLimitError:
            raise
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
            raise ZipLimitError("corrupt", filename=filename) from exc
