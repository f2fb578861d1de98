"""Promise: search engines and link previews get the page's own words — FAQPage data equal to its FAQ blocks,
and Open Graph / Twitter card tags from its front matter — on every page."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

import lesson_schema
from conftest import ROOT, SOURCES, page_url_path



def text(element) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


def squashed(value: str) -> str:
    return re.sub(r"\s+", "", value)


def soup_of(site, src_uri):
    return BeautifulSoup((site / page_url_path(src_uri) / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("src_uri", SOURCES)
def test_faq_structured_data_matches_the_faq_blocks(site, src_uri):
    soup = soup_of(site, src_uri)
    blocks = soup.select("article details.question")
    scripts = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    faq = [s for s in scripts if s.get("@type") == "FAQPage"]
    if not blocks:
        assert faq == []
        return
    assert len(faq) == 1
    entries = faq[0]["mainEntity"]
    assert len(entries) == len(blocks)
    for block, entry in zip(blocks, entries):
        summary = block.find("summary")
        assert entry["name"] == text(summary)
        summary.extract()
        # The same words in the same order (whitespace aside) as the block's answer.
        assert squashed(entry["acceptedAnswer"]["text"]) == squashed(block.get_text())


def test_lessons_have_faq_structured_data(site):
    lessons = [s for s in SOURCES if lesson_schema.lesson_kind(s)]
    assert lessons
    for src_uri in lessons:
        assert 'FAQPage' in (site / page_url_path(src_uri) / "index.html").read_text(encoding="utf-8"), src_uri


@pytest.mark.parametrize("src_uri", SOURCES)
def test_page_has_open_graph_and_twitter_meta_from_front_matter(site, src_uri):
    meta, _ = lesson_schema.read_page(ROOT / "docs" / src_uri)
    soup = soup_of(site, src_uri)

    def content(**attrs):
        tag = soup.find("meta", attrs=attrs)
        assert tag is not None, f"{src_uri}: no meta {attrs}"
        return tag["content"]

    canonical = soup.find("link", rel="canonical")["href"]
    assert content(property="og:title") == meta["title"]
    assert content(property="og:description") == meta["description"].strip()
    assert content(name="description") == meta["description"].strip()
    assert content(property="og:url") == canonical and canonical.startswith("https://")
    assert content(name="twitter:card") == "summary"
    assert content(name="twitter:title") == meta["title"]
