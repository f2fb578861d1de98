"""Promise: in a real browser, every diagram renders, search works, the checklist shows, nothing leaves the site.

One headless Chromium is shared by the session (conftest.py); each test gets a fresh context whose requests to
any other host are blocked and recorded, and whose console errors are collected.
"""

from __future__ import annotations

import html.parser

import pytest

import lesson_schema
from conftest import LESSON_SOURCES, ROOT, SOURCES, page_url_path

PAGES = sorted(page_url_path(src_uri) for src_uri in SOURCES)
LESSONS = LESSON_SOURCES
MODULE_01 = "modules/01-what-is-system-design/"

# Scroll the first diagram still waiting into view (the library loads when one comes near), then wait until every
# diagram on the page is an SVG inside its shadow root. Resolves with a summary of what was drawn.
RENDER_ALL = """
async (expected) => {
  const drawn = () => [...document.querySelectorAll("div.mermaid")]
    .map(host => host.shadowRoot && host.shadowRoot.querySelector("svg")).filter(Boolean);
  while (drawn().length < expected) {
    const waiting = document.querySelector("pre.mermaid");
    if (waiting) waiting.scrollIntoView({block: "center"});
    await new Promise(resolve => requestAnimationFrame(resolve));
  }
  return drawn().map(svg => ({
    role: svg.getAttribute("aria-roledescription") || "",
    title: (svg.querySelector(":scope > title") || {}).textContent || "",
    desc: (svg.querySelector(":scope > desc") || {}).textContent || "",
    error: svg.textContent.includes("Syntax error"),
    width: svg.getBoundingClientRect().width,
  }));
}
"""


class _DiagramCounter(html.parser.HTMLParser):
    count = 0

    def handle_starttag(self, tag, attrs):
        if tag == "pre" and "mermaid" in (dict(attrs).get("class") or "").split():
            self.count += 1


def diagrams_in(site, url_path: str) -> int:
    counter = _DiagramCounter()
    counter.feed((site / url_path / "index.html").read_text(encoding="utf-8"))
    return counter.count


def render_diagrams(page, expected: int) -> list[dict]:
    page.wait_for_function("() => document.querySelector('.md-content') !== null")
    return page.evaluate(RENDER_ALL, expected)


def assert_all_drawn(drawn: list[dict], expected: int, where: str):
    assert len(drawn) == expected, f"{where}: {len(drawn)} of {expected} diagrams rendered"
    for number, svg in enumerate(drawn, 1):
        assert svg["role"] != "error" and not svg["error"], f"{where}: diagram {number} is Mermaid's error diagram"
        assert svg["width"] > 50, f"{where}: diagram {number} has no visible size"
        assert svg["title"].strip() and svg["desc"].strip(), f"{where}: diagram {number} lacks accTitle/accDescr"


def assert_clean(reader, where: str):
    assert reader.external_requests == [], f"{where}: requests left the site: {reader.external_requests}"
    assert reader.errors == [], f"{where}: console errors: {reader.errors}"


@pytest.mark.parametrize("url_path", PAGES)
def test_every_diagram_renders_on_first_load(site, reader, url_path):
    expected = diagrams_in(site, url_path)
    page = reader.open(url_path)
    assert_all_drawn(render_diagrams(page, expected), expected, url_path)
    assert_clean(reader, url_path)


def test_pages_without_diagrams_do_not_download_mermaid(site, reader):
    loaded = []
    reader.page.on("request", lambda request: loaded.append(request.url))
    plain = [p for p in PAGES if diagrams_in(site, p) == 0]
    assert plain, "expected at least one page without diagrams (the home page)"
    page = reader.open(plain[0])
    page.wait_for_load_state("networkidle")
    assert not [url for url in loaded if "mermaid.min.js" in url]
    assert page.evaluate("typeof window.mermaid.render") == "function", "the stand-in global is missing"


def test_diagrams_render_after_instant_navigation_from_the_home_page(site, reader):
    page = reader.open("")
    page.evaluate("window.__sameDocument = true")
    page.click(f"article a[href$='/{MODULE_01}']")
    page.wait_for_url(lambda url: f"/{MODULE_01}" in url)
    expected = diagrams_in(site, MODULE_01)
    assert_all_drawn(render_diagrams(page, expected), expected, "after navigation")
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page: instant loading is off"
    assert_clean(reader, "after navigation")


def label_colour(page) -> str:
    """The colour of the first diagram's first label, as the reader sees it."""
    return page.evaluate("""() => {
        const svg = document.querySelector("div.mermaid").shadowRoot.querySelector("svg");
        const label = svg.querySelector(".nodeLabel, .messageText, text");
        const style = getComputedStyle(label);
        return label instanceof SVGElement ? style.fill : style.color;
    }""")


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_diagrams_follow_the_dark_palette_of_the_system(site, open_reader):
    colours = {}
    for preference in ("light", "dark"):
        reader = open_reader(preference)
        page = reader.open(MODULE_01)
        expected = diagrams_in(site, MODULE_01)
        assert_all_drawn(render_diagrams(page, expected), expected, f"{preference} palette")
        assert scheme(page) == ("slate" if preference == "dark" else "default")
        colours[preference] = label_colour(page)
        assert_clean(reader, f"{preference} palette")
    assert colours["light"] != colours["dark"], f"diagram labels keep one colour in both palettes: {colours}"


def test_diagrams_follow_the_palette_toggle(site, reader):
    page = reader.open(MODULE_01)
    render_diagrams(page, diagrams_in(site, MODULE_01))
    seen = {scheme(page): label_colour(page)}
    for _ in range(3):  # the toggle cycles system → light → dark → system
        page.click("form[data-md-component=palette] label:not([hidden])")
        seen[scheme(page)] = label_colour(page)
    assert set(seen) == {"default", "slate"}, seen
    assert seen["default"] != seen["slate"], f"diagram labels did not change colour with the palette: {seen}"


def test_search_for_a_module_01_term_lists_module_01(reader):
    page = reader.open("")
    page.keyboard.press("/")
    page.fill("input.md-search__input", "fanout")
    result = page.locator(".md-search-result__list a[href*='01-what-is-system-design']").first
    result.wait_for(state="attached")
    assert "system design" in result.inner_text().lower()
    assert_clean(reader, "search")


@pytest.mark.parametrize("src_uri", LESSONS)
def test_checklist_shows_every_front_matter_question(reader, src_uri):
    meta, _ = lesson_schema.read_page(ROOT / "docs" / src_uri)
    page = reader.open(page_url_path(src_uri))
    heading = page.locator("h2#checklist")
    assert heading.inner_text().strip().rstrip("¶").strip() == lesson_schema.CHECKLIST_HEADING
    shown = [item.strip() for item in page.locator(".sd-checklist li").all_inner_texts()]
    assert shown == [q.strip() for q in meta["checklist"]]
