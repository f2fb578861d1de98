"""Promise: in a real browser, diagrams load lazily in the palette the reader sees, search works, code copies, the
table of contents and back-to-top follow the reader, and nothing leaves the site. A few pages stand for all:
test_accessibility.py draws every diagram of every page, and per-page facts are read from the HTML (test_pages.py).

One headless Chromium is shared by the session (conftest.py); each test gets a fresh context whose requests to
any other host fail (no other host resolves) and are recorded, and whose console errors are collected.
"""

from __future__ import annotations

import html.parser

import pytest
from playwright.sync_api import Error as PlaywrightError

from conftest import SITE_URL, SOURCES, page_url_path

PAGES = sorted(page_url_path(src_uri) for src_uri in SOURCES)
MODULE_01 = "modules/01-what-is-system-design/"

# Bring every diagram on the page into view in turn (the images load lazily, as a reader scrolls), wait until the one
# the palette shows has loaded, and describe what the reader sees.
RENDER_ALL = """
async (eager) => {
  const shown = [];
  for (const diagram of document.querySelectorAll(".md-content .sd-diagram")) {
    if (!eager) diagram.scrollIntoView({block: "center"});
    const image = [...diagram.querySelectorAll("img")].find(img => getComputedStyle(img).display !== "none");
    if (!image) { shown.push({src: "", alt: "", width: 0, loaded: false, visible: 0}); continue; }
    while (!(image.complete && image.naturalWidth > 0)) {
      if (image.complete && image.naturalWidth === 0) break;   // failed to load
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    const visible = [...diagram.querySelectorAll("img")].filter(img => getComputedStyle(img).display !== "none");
    shown.push({src: image.getAttribute("src"), alt: image.alt, width: image.getBoundingClientRect().width,
                loaded: image.naturalWidth > 0, visible: visible.length});
  }
  return shown;
}
"""


class _DiagramCounter(html.parser.HTMLParser):
    count = 0

    def handle_starttag(self, tag, attrs):
        if tag == "div" and "sd-diagram" in (dict(attrs).get("class") or "").split():
            self.count += 1


def diagrams_in(site, url_path: str) -> int:
    counter = _DiagramCounter()
    counter.feed((site / url_path / "index.html").read_text(encoding="utf-8"))
    return counter.count


def render_diagrams(page, expected: int, eager: bool = False) -> list[dict]:
    """Draw every diagram and describe what the reader sees. Lazy images load as the reader scrolls to each one;
    eager=True loads them all at once instead (for tests about what is drawn, not about when)."""
    page.wait_for_function("() => document.querySelector('.md-content') !== null")
    if eager:
        page.evaluate("() => document.querySelectorAll('.sd-diagram img').forEach(img => { img.loading = 'eager'; })")
    return page.evaluate(RENDER_ALL, eager)


def assert_all_drawn(drawn: list[dict], expected: int, where: str, palette: str = "light"):
    assert len(drawn) == expected, f"{where}: {len(drawn)} of {expected} diagrams on the page"
    for number, image in enumerate(drawn, 1):
        assert image["visible"] == 1, f"{where}: diagram {number} shows {image['visible']} images, not one"
        assert image["loaded"], f"{where}: diagram {number} ({image['src']}) did not load"
        assert image["src"].endswith(f"-{palette}.svg"), f"{where}: diagram {number} is not the {palette} drawing"
        assert image["width"] > 50, f"{where}: diagram {number} has no visible size"
        assert len(image["alt"]) > 40, f"{where}: diagram {number} lacks its accTitle/accDescr text alternative"


def assert_clean(reader, where: str):
    assert reader.external_requests == [], f"{where}: requests left the site: {reader.external_requests}"
    assert reader.errors == [], f"{where}: console errors: {reader.errors}"


def test_no_other_host_answers_and_asking_one_is_recorded(open_reader, pages):
    """The browser reaches the site's address and nothing else: even this machine, named, does not resolve (the test
    server listens there), and the request is recorded, so `external_requests == []` means something."""
    reader = open_reader()
    # The site answers as GitHub Pages does: ten minutes' caching, and its 404 page where nothing is published.
    page = reader.open("")
    assert page.evaluate("fetch('assets/javascripts/site.js').then(r => r.headers.get('cache-control'))") == \
        "max-age=600"
    assert page.goto(SITE_URL + "nowhere/").status == 404 and "404 - Not found" in page.content()
    elsewhere = ["https://example.org/", f"https://localhost:{pages.port}/course/"]
    for address in elsewhere:
        with pytest.raises(PlaywrightError, match="ERR_NAME_NOT_RESOLVED"):
            page.goto(address)
    assert reader.external_requests == elsewhere


def test_no_page_downloads_mermaid(site, reader):
    """Diagrams are drawn at build time: readers never download the 3.5 MB library, and it is not published."""
    loaded = []
    reader.page.on("request", lambda request: loaded.append(request.url))
    page = reader.open(MODULE_01)
    render_diagrams(page, diagrams_in(site, MODULE_01))
    assert not [url for url in loaded if "mermaid" in url.lower()]
    assert not list(site.rglob("mermaid*.js"))


def test_diagrams_far_below_the_first_screen_wait_for_the_reader(site, reader):
    """Diagram images load lazily: one far down the page is not downloaded until the reader comes near."""
    loaded = []
    reader.page.on("request", lambda request: loaded.append(request.url.rsplit("/", 1)[-1]))
    page = reader.open(MODULE_01)
    page.wait_for_load_state("networkidle")
    far = page.evaluate("""() => [...document.querySelectorAll("img.sd-diagram__light")]
        .filter(img => img.getBoundingClientRect().top > 3 * innerHeight).map(img => img.src.split("/").pop())""")
    assert far, "module 01 should have a diagram more than three screens down"
    assert not set(far) & set(loaded), "diagrams far below the first screen were downloaded at once"
    expected = diagrams_in(site, MODULE_01)
    assert_all_drawn(render_diagrams(page, expected), expected, "after scrolling")
    assert not [name for name in loaded if name.endswith("-dark.svg")], "the light palette downloaded dark drawings"


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_diagrams_follow_the_dark_palette_of_the_system(site, open_reader):
    for preference, palette in (("light", "light"), ("dark", "dark")):
        reader = open_reader(preference)
        page = reader.open(MODULE_01)
        expected = diagrams_in(site, MODULE_01)
        assert scheme(page) == ("slate" if preference == "dark" else "default")
        assert_all_drawn(render_diagrams(page, expected), expected, f"{preference} palette", palette)
        assert_clean(reader, f"{preference} palette")


def test_diagrams_follow_the_palette_toggle(site, reader):
    page = reader.open(MODULE_01)
    expected = diagrams_in(site, MODULE_01)
    seen = set()
    for _ in range(3):  # the toggle cycles system → light → dark → system
        page.click("form[data-md-component=palette] label:not([hidden])")
        palette = "dark" if scheme(page) == "slate" else "light"
        assert_all_drawn(render_diagrams(page, expected), expected, f"after the toggle ({palette})", palette)
        seen.add(palette)
    assert seen == {"light", "dark"}, seen


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
    # Words found nowhere: the reader is told so, and no stale results stay.
    page.keyboard.press("/")
    page.locator("input.md-search__input").fill("zzqxjv")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.includes('No matching')")
    assert page.locator(".md-search-result__item").count() == 0
    assert_clean(reader, "search")


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
