"""Promise: axe-core finds no accessibility violation on any page, with every diagram loaded (and each is checked to
have loaded, in the light palette, with its text alternative: its accTitle and accDescr), and no colour-contrast
violation in the light or the dark palette on any kind of element the site shows.

Every page runs every axe rule but the two colour rules, in the light palette. Colour contrast is a property of the
stylesheet and of an element's kind and setting (tag and classes, the nearest classed ancestor such as an admonition
or a table wrapper, any inline style), not of its words, and the colour rules are the costliest by far (they measure
every element's painted background). So the colour rules run in both palettes on a few elements of every kind: the
kinds are read from the built HTML on each run, each is assigned to the first page of a greedy cover that shows it
(about half the pages today), and that page marks up to three elements of the kind, shown ones with words of their
own first. A page that brings a new kind of element is checked for it. A dark-only contrast fault on a kind one page
shows was caught this way.
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
            self.kinds.add((tag, classes, *setting, LAYOUT_HINTS.sub("", attributes.get("style") or "")))
        if tag not in VOID:
            self.stack.append((tag, classes))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return


def element_kinds(site, url_path: str) -> set[tuple]:
    """A page's kinds of element."""
    parser = _Kinds()
    parser.feed((site / url_path / "index.html").read_text(encoding="utf-8"))
    return parser.kinds


def colour_cover(site) -> list[tuple[str, list[tuple]]]:
    """Pages that together show every kind of element of the site, found greedily (the page with the most kinds not
    yet shown, ties by path, so the cover is the same on every run), each with the kinds it is the first to show."""
    pages = {url_path: element_kinds(site, url_path) for url_path in PAGES}
    left, cover = set().union(*pages.values()), []
    while left:
        best = max(sorted(pages), key=lambda url_path: len(pages[url_path] & left))
        cover.append((best, sorted(pages[best] & left)))
        left -= pages[best]
    return cover


def _simple(tag: str, classes: str) -> str:
    if not classes:
        return f"{tag}:not([class])"
    return tag + "".join("." + re.sub(r"([^\w-])", r"\\\1", name) for name in classes.split())


def selector(kind: tuple) -> str:
    """A CSS selector matching every element of the kind (and maybe others: any classed ancestor, any style)."""
    tag, classes, setting_tag, setting_classes, _ = kind
    return (f"{_simple(setting_tag, setting_classes)} " if setting_tag else "") + _simple(tag, classes)


# In the page: mark up to `each` elements of every kind given, the same kinds _Kinds reads from the HTML, preferring
# elements with words of their own (what the colour rules measure); say which kinds the page does not show.
MARK_KINDS = r"""([kinds, each]) => {
  const hints = /--sd-[\w-]+:[^;]*;?\s*/g;
  const classes = el => [...el.classList].sort().join(" ");
  const setting = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
      if (up.classList.length) return [up.localName, classes(up)];
    return ["", ""];
  };
  const ownWords = el => [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.data.trim() !== "");
  const missing = [];
  for (const [tag, cls, settingTag, settingCls, style, css] of kinds) {
    const exact = [...document.querySelectorAll(css)].filter(el => classes(el) === cls
      && setting(el).join("|") === [settingTag, settingCls].join("|")
      && (el.getAttribute("style") || "").replace(hints, "") === style);
    if (!exact.length) { missing.push(css); continue; }
    // Shown elements with words of their own first, as the colour rules check those.
    const rank = el => (el.checkVisibility() ? 0 : 2) + (ownWords(el) ? 0 : 1);
    const chosen = exact.map((el, i) => [rank(el), i, el]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [, , el] of chosen.slice(0, each)) el.setAttribute("data-sd-colour", "");
  }
  return missing;
}"""
# The marked elements, each without the elements inside it that are not marked themselves (axe checks an included
# element's whole subtree otherwise).
MARKED = {"include": [["[data-sd-colour]"]], "exclude": [["[data-sd-colour] > :not([data-sd-colour])"]]}
PER_KIND = 3


@pytest.fixture(scope="session")
def colour_pages(pytestconfig, site) -> dict[str, list[tuple]]:
    return dict(once_per_run(pytestconfig, "colour-cover", lambda folder: colour_cover(site)))


def test_colour_cover_shows_every_kind_of_element(site, colour_pages):
    """The cover is complete (each page's kinds are within the kinds it assigns) and assigns each kind once."""
    assigned = [kind for kinds in colour_pages.values() for kind in kinds]
    assert len(assigned) == len(set(assigned))
    for url_path in PAGES:
        missing = element_kinds(site, url_path) - set(assigned)
        assert not missing, f"{url_path or 'home'}: kinds no page is colour-checked for: {sorted(missing)[:3]}"


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
        # The colour rules in both palettes, on a few elements of each kind this page is the first to show.
        missing = page.evaluate(MARK_KINDS, [[[*kind, selector(kind)] for kind in colour_pages[url_path]], PER_KIND])
        assert not missing, f"{url_path or 'home'}: kinds of element in the HTML but not in the page: {missing[:5]}"
        options = {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": COLOUR_RULES}}
        for preference, wanted in (("light", "default"), ("dark", "slate")):
            # The palette follows the system preference, so switching it re-themes the page without a reload.
            page.emulate_media(color_scheme=preference)
            page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=wanted)
            found[wanted] = [describe(v) for v in AXE.run(page, context=MARKED, options=options).response["violations"]]
    assert not any(found.values()), found
