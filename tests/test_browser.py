"""Promise: in a real browser, every diagram renders, search works, the checklist shows, nothing leaves the site.

One headless Chromium is shared by the session (conftest.py); each test gets a fresh context whose requests to
any other host are blocked and recorded, and whose console errors are collected.
"""

from __future__ import annotations

import html.parser

import pytest

import lesson_schema
from conftest import LESSON_SOURCES, ROOT, SOURCES, page_url_path, text_of

PAGES = sorted(page_url_path(src_uri) for src_uri in SOURCES)
LESSONS = LESSON_SOURCES
MODULE_01 = "modules/01-what-is-system-design/"

# Scroll the first diagram still waiting into view (the library loads and draws each one as it comes near), then
# wait until every diagram on the page is an SVG. Resolves with a summary of what was drawn.
RENDER_ALL = """
async (expected) => {
  const drawn = () => [...document.querySelectorAll("div.mermaid > svg")];
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
    assert not [url for url in loaded if "mermaid" in url.rsplit("/", 1)[-1] and "mermaid-diagrams" not in url]


def test_diagrams_far_below_the_first_screen_wait_for_the_reader(site, reader):
    """The library is fetched when a diagram comes near; one far down the page is not drawn until then."""
    page = reader.open(MODULE_01)
    page.wait_for_load_state("networkidle")
    waiting = page.evaluate("""() => [...document.querySelectorAll("pre.mermaid")]
        .filter(block => block.getBoundingClientRect().top > 3 * innerHeight).length""")
    assert waiting > 0, "module 01 should have a diagram more than three screens down"
    expected = diagrams_in(site, MODULE_01)
    assert_all_drawn(render_diagrams(page, expected), expected, "after scrolling")


def test_diagrams_render_after_following_a_link_from_the_home_page(site, reader):
    page = reader.open("")
    page.click(f"article a[href*='{MODULE_01}']")
    page.wait_for_url(lambda url: f"/{MODULE_01}" in url)
    expected = diagrams_in(site, MODULE_01)
    assert_all_drawn(render_diagrams(page, expected), expected, "after navigation")
    assert_clean(reader, "after navigation")


def label_colour(page) -> str:
    """The colour of the first diagram's first label, as the reader sees it."""
    return page.evaluate("""() => {
        const svg = document.querySelector("div.mermaid > svg");
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
        drawn = "dark" if scheme(page) == "slate" else "default"
        page.wait_for_selector(f"div.mermaid[data-sd-theme={drawn}]")  # diagrams are redrawn after a toggle
        seen[scheme(page)] = label_colour(page)
    assert set(seen) == {"default", "slate"}, seen
    assert seen["default"] != seen["slate"], f"diagram labels did not change colour with the palette: {seen}"


def test_search_for_a_module_01_term_lists_module_01(reader):
    loaded = []
    reader.page.on("request", lambda request: loaded.append(request.url))
    page = reader.open("")
    page.wait_for_load_state("networkidle")
    assert not [url for url in loaded if "search_index.json" in url], "the search index loads before search is opened"
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')"), "/ does not focus search"
    page.keyboard.type("fanout")
    result = page.locator(".md-search-result__list a[href*='01-what-is-system-design']").first
    result.wait_for(state="attached")
    assert "fanout" in result.inner_text().lower()
    assert page.locator(".md-search-result__list mark").count() > 0, "matches are not highlighted"
    assert page.locator(".md-search-result__list pre, .md-search-result__list script").count() == 0
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.md-search-result__list a')"), "arrow keys do not reach results"
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search"), "Escape does not close search"
    assert_clean(reader, "search")


def test_search_says_when_nothing_matches(reader):
    page = reader.open(MODULE_01)
    page.locator("input.md-search__input").fill("zzqxjv")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.includes('No matching')")
    assert page.locator(".md-search-result__item").count() == 0
    assert_clean(reader, "search without results")


def test_no_script_from_materials_bundle_is_loaded(reader):
    """The pages run the course's own small scripts (site.js and friends), not Material's bundle."""
    loaded = []
    reader.page.on("request", lambda request: loaded.append(request.url))
    page = reader.open(MODULE_01)
    page.wait_for_load_state("networkidle")
    scripts = [url.rsplit("/", 1)[-1] for url in loaded if url.endswith(".js")]
    assert not [name for name in scripts if name.startswith("bundle.")], scripts
    assert "site.js" in scripts
    assert page.evaluate("document.documentElement.classList.contains('js')")


def test_copy_button_copies_the_code_block(reader):
    reader.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = reader.open("modules/04-apis-and-protocols/")
    block = page.locator(".md-content div.highlight pre").first
    expected = block.locator("code").inner_text().rstrip("\n")
    block.locator("button[data-md-type=copy]").click()
    page.wait_for_function("() => document.querySelector('.md-dialog').classList.contains('md-dialog--active')")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert page.inner_text(".md-dialog__inner") == "Copied to clipboard"
    assert_clean(reader, "copy")


def test_table_of_contents_follows_the_reader(reader):
    page = reader.open(MODULE_01)
    heading = page.locator(".md-content h2#common-pitfalls")
    heading.scroll_into_view_if_needed()
    page.evaluate("document.getElementById('common-pitfalls').scrollIntoView({block: 'start'})")
    active = page.locator(".md-sidebar--secondary .md-nav__link--active")
    active.first.wait_for()
    assert active.first.get_attribute("href") == "#common-pitfalls"
    assert active.first.is_visible(), "the active entry is scrolled out of the sidebar"
    assert page.locator(".md-sidebar--secondary .md-nav__link--passed[href='#why-it-matters']").count() == 1
    assert page.evaluate("document.querySelector('[data-md-component=header-title]').classList"
                         ".contains('md-header__title--active')"), "the header does not show the page title"


def test_back_to_top_appears_when_scrolling_up_and_returns_to_the_top(reader):
    page = reader.open(MODULE_01)
    top = page.locator("[data-md-component=top]")
    page.mouse.move(640, 450)
    for _ in range(6):   # read down the page the way a reader does, a screen at a time
        before = page.evaluate("scrollY")
        page.mouse.wheel(0, 800)
        page.wait_for_function("y => scrollY > y", arg=before)
    assert top.get_attribute("hidden") is not None, "the button shows while the reader scrolls down"
    page.mouse.wheel(0, -400)
    page.wait_for_function("() => !document.querySelector('[data-md-component=top]').hidden")
    top.click()
    page.wait_for_function("() => scrollY === 0")
    assert top.get_attribute("hidden") is not None, "the button stays shown at the top of the page"


@pytest.mark.parametrize("src_uri", LESSONS)
def test_checklist_shows_every_front_matter_question(reader, src_uri):
    meta, _ = lesson_schema.read_page(ROOT / "docs" / src_uri)
    page = reader.open(page_url_path(src_uri))
    heading = page.locator("h2#checklist")
    assert text_of(heading).rstrip("¶").strip() == lesson_schema.CHECKLIST_HEADING
    shown = [text_of(item) for item in page.locator(".sd-checklist li").all()]
    assert shown == [" ".join(q.split()) for q in meta["checklist"]]
