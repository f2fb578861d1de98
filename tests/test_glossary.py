"""Promise: one glossary serves the glossary page and the tooltips; every entry links to the module teaching it."""

from __future__ import annotations


import pytest
import yaml
from bs4 import BeautifulSoup

import glossary
import lesson_schema
from conftest import LESSON_SOURCES, ROOT, page_url_path

ENTRIES = yaml.safe_load((ROOT / "glossary.yml").read_text(encoding="utf-8"))
MODULES = {lesson_schema.glossary_key(s) for s in LESSON_SOURCES}   # what an entry may name as its teacher
LESSONS = LESSON_SOURCES


def test_glossary_is_valid_and_large():
    assert glossary.check_glossary(ENTRIES, MODULES) == []
    assert len(ENTRIES) >= 100


@pytest.mark.parametrize("entries, says", [
    ([{"term": "QPS", "definition": "Queries per second.", "module": "99-nowhere.md"}], "is not a file"),
    ([{"term": "QPS", "definition": "x" * 201, "module": "02-back-of-the-envelope-estimation.md"}], "at most 200"),
    ([{"term": "QPS", "definition": "A.", "module": "02-back-of-the-envelope-estimation.md"},
      {"term": "RPS", "definition": "B.", "module": "02-back-of-the-envelope-estimation.md", "aliases": ["QPS"]}],
     "already defined"),
    ([{"term": "QPS", "module": "02-back-of-the-envelope-estimation.md"}], "definition must be"),
])
def test_glossary_check_rejects_bad_entries(entries, says):
    problems = glossary.check_glossary(entries, MODULES)
    assert any(says in p for p in problems), problems


def test_every_glossary_entry_is_on_the_glossary_page_linking_to_its_module(site):
    soup = BeautifulSoup((site / "reference/glossary/index.html").read_text(encoding="utf-8"), "html.parser")
    shown = {dt.get_text(" ", strip=True): dd for dt, dd in zip(soup.select("article dl dt"), soup.select("article dl dd"))}
    for entry in ENTRIES:
        assert entry["term"] in shown, f"{entry['term']} is missing from the glossary page"
        link = shown[entry["term"]].find("a")["href"]
        target = (site / "reference/glossary" / link).resolve() / "index.html"
        assert target.is_file(), f"{entry['term']} links to {link}, which does not exist"
        assert target.parent.name == entry["module"].rsplit("/", 1)[-1][:-3]


@pytest.mark.parametrize("src_uri", LESSONS)
def test_terms_show_their_definition_as_a_tooltip_on_first_use(site, src_uri):
    definitions = {spelling: entry["definition"] for entry in ENTRIES
                   for spelling in [entry["term"], *entry.get("aliases", [])]}
    soup = BeautifulSoup((site / page_url_path(src_uri) / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not soup.select("article abbr[title]"), f"{src_uri} still has title-only tooltips"
    tooltips = soup.select("article button.sd-term[data-sd-definition]")
    assert tooltips, f"{src_uri} shows no glossary definition"
    glossary = BeautifulSoup((site / "reference/glossary/index.html").read_text(encoding="utf-8"), "html.parser")
    for term in tooltips:
        assert term["data-sd-definition"] == definitions[term.get_text()], term
        assert term.find_parent(["a", "h1", "h2", "h3", "h4", "h5", "h6", "summary"]) is None, term
        anchor = term["data-sd-glossary"].split("#")[1]
        assert glossary.find(id=anchor) is not None, f"{src_uri}: {term.get_text()} links to a missing #{anchor}"
    titles = [term["data-sd-definition"] for term in tooltips]
    assert len(titles) == len(set(titles)), f"{src_uri}: a term has its tooltip more than once"


def test_glossary_page_has_an_anchor_per_term_and_an_a_to_z_index(site):
    soup = BeautifulSoup((site / "reference/glossary/index.html").read_text(encoding="utf-8"), "html.parser")
    terms = soup.select("article dl dt")
    assert len(terms) == len(ENTRIES)
    assert all(dt.get("id") for dt in terms) and len({dt["id"] for dt in terms}) == len(terms)
    index = soup.select("nav.sd-glossary-index a[href^='#']")
    assert len(index) >= 20, "the A–Z index is missing"
    for link in index:
        assert soup.find(id=link["href"][1:]) is not None, link
    assert "hover the pointer" not in soup.get_text()
