"""Promise: every page carries what the build derives for it — facts read from the built HTML, no browser needed.

The checklist from the front matter, the diagrams as two images with their text alternative, the home page's
lists of every module and problem, the practice timer's table on every problem.
"""

from __future__ import annotations

import functools

import pytest
from bs4 import BeautifulSoup

import lesson_schema
from conftest import DOCS, LESSON_SOURCES, SOURCES, page_url_path


@functools.cache
def soup_of(site, src_uri: str) -> BeautifulSoup:
    return BeautifulSoup((site / page_url_path(src_uri) / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(element) -> str:
    return " ".join(element.get_text().split())


@pytest.mark.parametrize("src_uri", LESSON_SOURCES)
def test_checklist_shows_every_front_matter_question_with_a_stable_id(site, src_uri):
    meta, _ = lesson_schema.read_page(DOCS / src_uri)
    soup = soup_of(site, src_uri)
    heading = soup.select_one("article h2#checklist")
    assert heading is not None and words(heading).rstrip("¶").strip() == lesson_schema.CHECKLIST_HEADING
    items = soup.select(".sd-checklist li")
    assert [words(item) for item in items] == [" ".join(q.split()) for q in meta["checklist"]]
    ids = [item.get("data-sd-question") for item in items]
    assert all(ids) and len(set(ids)) == len(ids)


@pytest.mark.parametrize("src_uri", SOURCES)
def test_every_diagram_is_two_sized_images_with_its_text_alternative(site, src_uri):
    _, body = lesson_schema.read_page(DOCS / src_uri)
    soup = soup_of(site, src_uri)
    diagrams = soup.select("article .sd-diagram")
    assert len(diagrams) == len(lesson_schema.mermaid_blocks(body)), "a Mermaid fence was not drawn"
    assert not soup.select("pre.mermaid"), "a diagram reached the page as Mermaid source"
    page_folder = site / page_url_path(src_uri)
    for number, diagram in enumerate(diagrams, 1):
        images = diagram.find_all("img")
        assert [img["class"] for img in images] == [["sd-diagram__light"], ["sd-diagram__dark"]], number
        for img in images:
            assert (page_folder / img["src"]).resolve().is_file(), f"diagram {number}: {img['src']} missing"
            assert int(img["width"]) > 0 and int(img["height"]) > 0, f"diagram {number} has no size"
            assert img["loading"] == "lazy" and len(img["alt"]) > 40, f"diagram {number}: lazy, with accTitle/accDescr"


def test_every_drawing_is_an_accessible_svg_without_errors_or_script(site):
    files = sorted((site / "assets" / "diagrams").glob("*.svg"))
    assert files
    for path in files:
        svg = path.read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "<title" in svg and "<desc" in svg, f"{path.name}: no title/description"
        assert "Syntax error" not in svg and 'aria-roledescription="error"' not in svg, f"{path.name}: error picture"
        assert "<script" not in svg.lower() and "onload=" not in svg.lower(), f"{path.name}: contains script"


@pytest.mark.parametrize("kind, css", [("module", ".sd-course-map"), ("problem", ".sd-problem-list")])
def test_home_page_lists_every_lesson_from_its_front_matter(site, kind, css):
    table = soup_of(site, "index.md").select_one(f"article {css} table")
    assert table is not None, f"the home page has no {kind} list"
    links = {a["href"].rstrip("/") for a in table.select("a")}
    expected = {page_url_path(s).rstrip("/") for s in LESSON_SOURCES if lesson_schema.lesson_kind(s) == kind}
    assert links == expected
    for src_uri in LESSON_SOURCES:
        if lesson_schema.lesson_kind(src_uri) == kind:
            meta, _ = lesson_schema.read_page(DOCS / src_uri)
            assert " ".join(meta["description"].split()) in words(table)


@pytest.mark.parametrize("src_uri", [s for s in LESSON_SOURCES if lesson_schema.lesson_kind(s) == "problem"])
def test_every_problem_has_the_table_the_practice_timer_counts_down(site, src_uri):
    tables = [t for t in soup_of(site, src_uri).select("article table")
              if [words(th) for th in t.select("thead th")] == list(lesson_schema.PHASE_HEADER)]
    assert len(tables) == 1
    minutes = [int(words(row.select("td")[1]).split()[0]) for row in tables[0].select("tbody tr")]
    assert sum(minutes) == lesson_schema.PHASE_MINUTES
