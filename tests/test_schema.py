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


# ---- phase table, placeholders, templates, length -------------------------------------------------------------------

PHASES = "| Phase | Time | What you produce |\n|---|---|---|\n" + "".join(
    f"| {name} | {minutes} min | Something concrete |\n"
    for name, minutes in (("Requirements", 5), ("Estimation", 5), ("High-level design", 10), ("Deep dive", 15),
                          ("Trade-offs", 5), ("Q&A", 5)))


def test_phase_table_is_read_row_by_row():
    rows = lesson_schema.phase_table("Intro\n\n" + PHASES + "\nAfter.\n")
    assert [row[:2] for row in rows][:2] == [("Requirements", "5 min"), ("Estimation", "5 min")] and len(rows) == 6
    assert lesson_schema.check_phase_table(PHASES, required=True) == []


@pytest.mark.parametrize("table, says", [
    ("", "needs the phase-timing table"),
    (PHASES.replace("| 15 min |", "| 20 min |"), "add up to 50 min, not 45"),
    (PHASES.replace("| 5 min | Something concrete |", "| soon | Something concrete |", 1), "write it as '5 min'"),
    (PHASES.replace("| Something concrete |", "|  |", 1), "three non-empty cells"),
])
def test_phase_table_rules(table, says):
    problems = lesson_schema.check_phase_table(table, required=True)
    assert any(says in p for p in problems), problems


@pytest.mark.parametrize("template", sorted((ROOT / "templates").glob("*.md")), ids=lambda p: p.name)
def test_a_template_as_it_stands_is_rejected_as_placeholder(template):
    meta, body = lesson_schema.read_page(template)
    problems = lesson_schema.check_placeholders(meta, body)
    assert any(p.startswith("title:") for p in problems) and any(p.startswith("description:") for p in problems)
    assert any(p.startswith("checklist:") for p in problems) and any(p.startswith("body:") for p in problems)


def test_the_problem_template_has_the_anatomy_a_problem_needs_apart_from_length():
    meta, body = lesson_schema.read_page(ROOT / "templates" / "problem.md")
    problems = lesson_schema.check_anatomy(body, "problem") + lesson_schema.check_front_matter(meta, "problems/x.md")
    assert [p for p in problems if "words of prose" not in p and "faq:" not in p] == []


def test_placeholders_are_not_found_in_ordinary_prose():
    text = "The todo list app has a total budget; we store it to be determined later by the TTL."
    assert lesson_schema.check_placeholders({"title": "Caching", "description": "Fine."}, text) == []
    assert lesson_schema.check_placeholders({}, "We will fill this in: TODO.")


def test_going_deeper_blocks_do_not_count_toward_the_ceiling():
    deeper = '??? note "Going deeper: the maths"\n\n    ' + "word " * 50 + "\n\n"
    assert lesson_schema.ceiling_words("one two three\n\n" + deeper + "four\n") == 4
    assert lesson_schema.ceiling_words("one\n\n```text\nnot counted here\n```\n") == 1


ABSTRACT = '!!! abstract "The night before the interview"\n\n' + "".join(f"    - Point {n}.\n" for n in range(6)) + "\n"
TIP = ('!!! tip "Two deep dives for a 45-minute round"\n\n    Go deep on [one](#deep-dive-the-ring) and '
       "[two](#deep-dive-quorums); the others are optional.\n\n")
DIVES = "## Deep dive: the ring\n\nText.\n\n## Deep dive: quorums\n\nText.\n\n## Deep dive: gossip\n\nText.\n"


def test_editorial_rules_accept_a_well_shaped_opening():
    assert lesson_schema.check_editorial("# M\n\nIntro.\n\n" + ABSTRACT + "## First\n\nText.\n", "module") == []
    assert lesson_schema.check_editorial("# P\n\nIntro.\n\n" + TIP + DIVES, "problem") == []


@pytest.mark.parametrize("markdown, kind, says", [
    ("# M\n\nIntro.\n\n## First\n\nText.\n", "module", "needs an `!!! abstract"),
    ("# M\n\n" + ABSTRACT.replace("    - Point 5.\n", "").replace("    - Point 4.\n", "") + "## A\n", "module",
     "has 4 lines; write 5 to 8"),
    ("# M\n\n## First\n\n" + ABSTRACT, "module", "before the first section"),
    ("# P\n\nIntro.\n\n" + DIVES, "problem", "needs a `!!! tip"),
    ("# P\n\n" + TIP.replace("#deep-dive-quorums", "#deep-dive-gossip-x") + DIVES, "problem", "links 1"),
    ("# M\n\n" + ABSTRACT + "## A\n\n" + "word " * 9001, "module", "words to read, at most 9000"),
], ids=["no-abstract", "short-abstract", "late-abstract", "no-tip", "tip-links-one", "too-long"])
def test_editorial_rules_reject(markdown, kind, says):
    problems = lesson_schema.check_editorial(markdown, kind)
    assert any(says in p for p in problems), problems
