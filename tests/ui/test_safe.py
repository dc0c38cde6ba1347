"""ui.safe.md: user text inside markdown renders literally (no image, link, HTML or formatting)."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from ui.safe import md

RENDER = MarkdownIt("commonmark").render

HOSTILE = [
    "beleidsadviseur ![p](http://127.0.0.1:8998/x.png)",
    "[klik hier](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "**vet** _schuin_ `code` ~~weg~~",
    "# Kop",
    "> citaat",
    "- lijst",
    "1. genummerd",
    ":red[rood] :material/home: $x^2$",
    "regel een\nregel twee",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_safe_md_renders_user_text_literally(text):
    html = RENDER(md(text))
    assert "<img" not in html and "<a " not in html and "<script" not in html
    assert "<strong>" not in html and "<em>" not in html and "<code>" not in html and "<h1>" not in html
    assert "<blockquote>" not in html and "<ul>" not in html and "<ol>" not in html


def test_safe_md_keeps_the_visible_text():
    html = RENDER(md("beleidsadviseur ![p](http://127.0.0.1:8998/x.png)"))
    assert "beleidsadviseur ![p](http://127.0.0.1:8998/x.png)" in html


def test_safe_md_plain_text_unchanged_when_rendered():
    assert RENDER(md("Gemeente Zuidstad, afdeling VTH")).strip() == "<p>Gemeente Zuidstad, afdeling VTH</p>"
