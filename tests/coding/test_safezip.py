"""Zip archives from users: member count, declared and real unpacked size are limited."""

from __future__ import annotations

import pytest

from coding import safezip
from tests import hostile


def test_safezip_refuses_too_many_members():
    data = hostile.many_members_zip(60)
    with pytest.raises(safezip.ZipLimitError) as caught:
        safezip.open_archive(data, "veel.qdpx", max_members=50)
    assert caught.value.code == "members"
    assert "60" in caught.value.message()


def test_safezip_refuses_declared_size_over_limit():
    data = hostile.zip_bytes({"a.txt": b"0" * (3 * 1024 * 1024)})
    with pytest.raises(safezip.ZipLimitError) as caught:
        safezip.open_archive(data, "groot.zip", max_total=2 * 1024 * 1024)
    assert caught.value.code == "too_large"
    assert "zip-bom" in caught.value.message()


def test_safezip_read_member_caps_real_output():
    data = hostile.zip_bytes({"a.txt": b"0" * (3 * 1024 * 1024)})
    archive = safezip.open_archive(data, "x.zip")
    with pytest.raises(safezip.ZipLimitError):
        safezip.read_member(archive, "a.txt", "x.zip", limit=1024 * 1024)
    used = [0]
    assert len(safezip.read_member(archive, "a.txt", "x.zip", limit=4 * 1024 * 1024, used=used)) == 3 * 1024 * 1024
    with pytest.raises(safezip.ZipLimitError):  # the running budget counts what was read before
        safezip.read_member(archive, "a.txt", "x.zip", limit=4 * 1024 * 1024, used=used)


def test_safezip_lying_header_never_yields_more_than_declared():
    data = hostile.lying_header_zip("a.txt", b"0" * (2 * 1024 * 1024), declared=10)
    archive = safezip.open_archive(data, "liegt.zip")
    with pytest.raises(safezip.ZipLimitError) as caught:
        safezip.verify(archive, "liegt.zip", limit=1024)
    assert caught.value.code in ("corrupt", "too_large")


def test_safezip_not_a_zip():
    with pytest.raises(safezip.ZipLimitError) as caught:
        safezip.open_archive(b"geen zip", "x.qdpx")
    assert caught.value.code == "corrupt"
