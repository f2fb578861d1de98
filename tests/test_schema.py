"""Promise: every page follows the one front-matter schema and page anatomy the build hooks enforce."""

import pytest

import lesson_schema
from conftest import ROOT, SOURCES

PAGES = SOURCES


@pytest.mark.parametrize("src_uri", PAGES)
def test_page_front_matter_follows_the_schema(src_uri):
    meta, body = lesson_schema.read_page(ROOT / "docs" / src_uri)
    assert lesson_schema.check_front_matter(meta, src_uri) == []
    assert lesson_schema.check_page_body(body) == []


@pytest.mark.parametrize("src_uri", [p for p in PAGES if lesson_schema.lesson_kind(p)])
def test_lesson_follows_the_page_anatomy(src_uri):
    _, body = lesson_schema.read_page(ROOT / "docs" / src_uri)
    assert lesson_schema.check_anatomy(body, lesson_schema.lesson_kind(src_uri)) == []


def test_module_numbers_are_unique(lessons):
    assert lesson_schema.check_unique_modules(lessons) == {}


# The schema itself: each rule rejects what it should and accepts what it should.
GOOD = {
    "title": "Caching",
    "description": "Where caches live and what they cost.",
    "module": 7,
    "checklist": [f"Question number {n}?" for n in range(6)],
}


def test_schema_accepts_a_good_module():
    assert lesson_schema.check_front_matter(GOOD, "modules/07-caching.md") == []


@pytest.mark.parametrize("change, field", [
    ({"description": None}, "description"),
    ({"description": "x" * 161}, "description"),
    ({"module": 13}, "module"),
    ({"module": "7"}, "module"),
    ({"module": True}, "module"),
    ({"checklist": []}, "checklist"),
    ({"checklist": [f"Q{n}?" for n in range(11)]}, "checklist"),
    ({"checklist": [f"Statement {n}." for n in range(6)]}, "checklist"),
    ({"checklist": ["Same?"] * 6}, "checklist"),
    ({"title": ""}, "title"),
    ({"descripton": "typo"}, "descripton"),
])
def test_schema_rejects_each_bad_field(change, field):
    meta = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    problems = lesson_schema.check_front_matter(meta, "modules/07-caching.md")
    assert problems and all(p.startswith(field + ":") for p in problems), problems


def test_problem_pages_need_problem_true_not_a_module_number():
    meta = {k: v for k, v in GOOD.items() if k != "module"}
    assert lesson_schema.check_front_matter({**meta, "problem": True}, "problems/chat-system.md") == []
    assert lesson_schema.check_front_matter(GOOD, "problems/chat-system.md")


def test_duplicate_module_numbers_name_the_second_page():
    clash = lesson_schema.check_unique_modules({"modules/a.md": {"module": 3}, "modules/b.md": {"module": 3}})
    assert clash == {"modules/b.md": "module: number 3 is already used by modules/a.md"}
