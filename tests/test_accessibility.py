"""Promise: axe-core finds no accessibility violation on any page, in the light and in the dark palette, with
every diagram loaded (and each is checked to have loaded, in the light palette, with its text alternative) (each diagram is an image whose text alternative is its accTitle and accDescr)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from test_browser import PAGES, assert_all_drawn, diagrams_in, render_diagrams

AXE = Axe()
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def describe(violation: dict) -> str:
    nodes = "; ".join(node["html"][:120] for node in violation["nodes"][:3])
    return f"{violation['id']} ({violation['impact']}): {violation['help']} — {nodes}"


@pytest.mark.parametrize("url_path", PAGES)
def test_page_has_no_axe_violations_in_either_palette(site, reader, url_path):
    page = reader.open(url_path)
    # Sections off screen are skipped by the renderer (content-visibility: auto), and axe measures colours from what
    # is rendered; draw every section so it sees each one as a reader does when they scroll to it.
    page.add_style_tag(content=".md-typeset .sd-section { content-visibility: visible !important; }")
    expected = diagrams_in(site, url_path)
    assert_all_drawn(render_diagrams(page, expected, eager=True), expected, url_path)
    found = {}
    for preference, wanted in (("light", "default"), ("dark", "slate")):
        # The palette follows the system preference, so switching it re-themes the page without a reload.
        page.emulate_media(color_scheme=preference)
        page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=wanted)
        # The palette changes colours only: the dark pass runs the colour rules, the light pass runs them all.
        options = {"resultTypes": ["violations"]}
        if wanted != "default":
            options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
        found[wanted] = [describe(v) for v in AXE.run(page, options=options).response["violations"]]
    assert found == {"default": [], "slate": []}, found
