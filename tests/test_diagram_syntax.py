"""Promise: every Mermaid diagram in the sources parses with the pinned Mermaid, so none is published as an
error picture; a page with a broken diagram is reported by file and diagram number."""

from __future__ import annotations

from pathlib import Path

import pytest

import lesson_schema
from conftest import ROOT

LIBRARY = ROOT / "vendor" / "mermaid" / "mermaid.min.js"
SOURCES = sorted((ROOT / "docs").rglob("*.md"))


@pytest.fixture(scope="module")
def mermaid_page(browser):
    """A blank page with the vendored Mermaid loaded, nothing else."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>parse</title><body></body>")
    page.add_script_tag(content=LIBRARY.read_text(encoding="utf-8"))
    page.evaluate("mermaid.initialize({startOnLoad: false})")
    yield page
    context.close()


def diagram_errors(page, path: Path) -> list[str]:
    """'file: diagram N (kind): message' for each diagram in the file that Mermaid refuses."""
    _, body = lesson_schema.read_page(path)
    errors = []
    for number, text in enumerate(lesson_schema.mermaid_blocks(body), 1):
        message = page.evaluate(
            "async text => { try { await mermaid.parse(text); return null; } catch (e) { return String(e.message || e); } }",
            text,
        )
        if message:
            shown = path.relative_to(ROOT).as_posix()
            errors.append(f"{shown}: diagram {number} ({lesson_schema.diagram_kind(text)}): {message.splitlines()[0]}")
    return errors


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_every_diagram_parses(mermaid_page, path):
    assert diagram_errors(mermaid_page, path) == []


def test_a_broken_diagram_is_reported_with_its_file(mermaid_page):
    fixture = ROOT / "tests" / "fixtures" / "broken" / "invalid-mermaid.md"   # also a broken-lesson build case
    errors = diagram_errors(mermaid_page, fixture)
    assert len(errors) == 1 and errors[0].startswith("tests/fixtures/broken/invalid-mermaid.md: diagram 1 (flowchart)")
