"""The coder's shared cache: bounded, least recently used first out, one computation per miss."""

from __future__ import annotations

import threading

import pytest

from coding.bounded_cache import BoundedCache


def test_bounded_cache_keeps_at_most_maxsize_and_drops_the_least_recently_used() -> None:
    cache: BoundedCache[int] = BoundedCache(maxsize=2)
    assert cache.get_or_compute("a", lambda: 1) == 1
    assert cache.get_or_compute("b", lambda: 2) == 2
    assert cache.get_or_compute("a", lambda: 99) == 1  # a hit: "a" becomes the most recent
    cache.get_or_compute("c", lambda: 3)
    assert "a" in cache and "c" in cache and "b" not in cache
    assert len(cache) == 2


def test_bounded_cache_computes_only_on_a_miss() -> None:
    calls: list[str] = []
    cache: BoundedCache[str] = BoundedCache()
    for _ in range(3):
        cache.get_or_compute("k", lambda: calls.append("k") or "v")
    assert calls == ["k"]


def test_bounded_cache_is_safe_under_threads() -> None:
    cache: BoundedCache[int] = BoundedCache(maxsize=8)
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(500):
                assert cache.get_or_compute((offset + i) % 20, lambda i=i: (offset + i) % 20) == (offset + i) % 20
        except BaseException as exc:  # collected, asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(cache) <= 8


def test_bounded_cache_refuses_a_zero_size() -> None:
    with pytest.raises(ValueError):
        BoundedCache(maxsize=0)


def test_coder_caches_are_bounded() -> None:
    import coding.coder

    assert isinstance(coding.coder._CACHE, BoundedCache)
    assert not hasattr(coding.coder, "_PROTOTYPES") and not hasattr(coding.coder, "_TEMPERATURES")
