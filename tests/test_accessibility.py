"""Promise: axe-core finds no accessibility violation on any page, with every diagram loaded (and each is checked to
have loaded, in the light palette, with its text alternative: its accTitle and accDescr), and no colour-contrast
violation in the light or the dark palette on any kind of element the site shows.

Every page runs every axe rule but the two colour rules, in the light palette. Colour contrast is a property of the
stylesheet and of an element's kind and setting (tag and classes, the nearest classed ancestor such as an admonition
or a table wrapper, any inline style), not of its words, and the colour rules are the costliest by far (about four
fifths of axe's time here). So the colour rules run in both palettes on the pages that together show every such kind,
derived from the built HTML on each run (a greedy cover, about half the pages today): the first of them whole, each
other one on the kinds of element it adds (CSS selectors, each matching at least the elements of its kind). A page
that brings a new kind of element joins them. A dark-only contrast fault on a kind one page shows was caught this way.
"""

from __future__ import annotations

import html.parser
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import once_per_run
from test_browser import PAGES, assert_all_drawn, diagrams_in, render_diagrams

AXE = Axe()
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# sections.py's layout hints (--sd-text, --sd-media) are sizes, not colours.
LAYOUT_HINTS = re.compile(r"--sd-[\w-]+:[^;]*;?\s*")
NOT_SHOWN = {"script", "style", "template", "svg", "path", "g"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Kinds(html.parser.HTMLParser):
    """The kinds of element in a page's <body>: (tag, classes, nearest classed ancestor's tag and classes, style)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.kinds: set[tuple] = set()
        self.elements = 0
        self.stack: list[tuple[str, str]] = []
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
            return
        if not self.in_body:
            return
        attributes = dict(attrs)
        classes = " ".join(sorted((attributes.get("class") or "").split()))
        setting = next(((t, c) for t, c in reversed(self.stack) if c), ("", ""))
        if tag not in NOT_SHOWN:
            self.elements += 1
            self.kinds.add((tag, classes, *setting, LAYOUT_HINTS.sub("", attributes.get("style") or "")))
        if tag not in VOID:
            self.stack.append((tag, classes))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return


def element_kinds(site, url_path: str) -> tuple[set[tuple], int]:
    """A page's kinds of element and its number of elements (what axe's colour rules take time over)."""
    parser = _Kinds()
    parser.feed((site / url_path / "index.html").read_text(encoding="utf-8"))
    return parser.kinds, parser.elements


def colour_cover(site) -> list[tuple[str, list[str] | None]]:
    """Pages that together show every kind of element of the site, found greedily (the page with the most kinds not
    yet shown per element checked, ties by path, so the cover is the same on every run), each with what to check:
    the first page whole, each later one only where it shows kinds the pages before it did not (CSS selectors, each
    a superset of its kind)."""
    pages = {url_path: element_kinds(site, url_path) for url_path in PAGES}
    left, cover = set().union(*(kinds for kinds, _ in pages.values())), []
    while left:
        best = max(sorted(pages), key=lambda url_path: len(pages[url_path][0] & left) / pages[url_path][1])
        new = pages[best][0] & left
        cover.append((best, None if not cover else sorted({selector(kind) for kind in new})))
        left -= new
    return cover


def _simple(tag: str, classes: str) -> str:
    if not classes:
        return f"{tag}:not([class])"
    return tag + "".join("." + re.sub(r"([^\w-])", r"\\\1", name) for name in classes.split())


def selector(kind: tuple) -> str:
    tag, classes, setting_tag, setting_classes, _ = kind
    return (f"{_simple(setting_tag, setting_classes)} " if setting_tag else "") + _simple(tag, classes)


@pytest.fixture(scope="session")
def colour_pages(pytestconfig, site) -> dict[str, list[str] | None]:
    return dict(once_per_run(pytestconfig, "colour-cover", lambda folder: colour_cover(site)))


def test_colour_cover_shows_every_kind_of_element(site, colour_pages):
    """The cover is complete (each page's kinds are within the cover's), its first page is checked whole and the
    others where they add kinds, and it is smaller than the site, or deriving it would save nothing."""
    shown = set().union(*(element_kinds(site, url_path)[0] for url_path in colour_pages))
    for url_path in PAGES:
        missing = element_kinds(site, url_path)[0] - shown
        assert not missing, f"{url_path or 'home'}: kinds of element no colour-checked page shows: {sorted(missing)[:3]}"
    assert len(colour_pages) < len(PAGES)
    assert list(colour_pages.values())[0] is None and all(list(colour_pages.values())[1:])


def describe(violation: dict) -> str:
    nodes = "; ".join(node["html"][:120] for node in violation["nodes"][:3])
    return f"{violation['id']} ({violation['impact']}): {violation['help']} — {nodes}"


@pytest.mark.parametrize("url_path", PAGES)
def test_page_has_no_axe_violations(site, reader, colour_pages, url_path):
    page = reader.open(url_path)
    # Sections off screen are skipped by the renderer (content-visibility: auto), and axe measures colours from what
    # is rendered; draw every section so it sees each one as a reader does when they scroll to it.
    page.add_style_tag(content=".md-typeset .sd-section { content-visibility: visible !important; }")
    expected = diagrams_in(site, url_path)
    assert_all_drawn(render_diagrams(page, expected, eager=True), expected, url_path)
    # Every rule but the colour rules, on the whole page, in the light palette.
    options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}
    found = {"rules": [describe(v) for v in AXE.run(page, options=options).response["violations"]]}
    if url_path in colour_pages:
        # The colour rules in both palettes, on the whole page or on the kinds of element it adds to the cover.
        where = colour_pages[url_path]
        context = {"include": [[", ".join(where)]]} if where else None     # one selector list: faster than many
        options = {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": COLOUR_RULES}}
        for preference, wanted in (("light", "default"), ("dark", "slate")):
            # The palette follows the system preference, so switching it re-themes the page without a reload.
            page.emulate_media(color_scheme=preference)
            page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=wanted)
            found[wanted] = [describe(v) for v in AXE.run(page, context=context, options=options).response["violations"]]
    assert not any(found.values()), found
