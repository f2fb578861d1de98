"""Promise: the reader's shell does what a reader of a Material site takes for granted, without Material's bundle
(issue 12): sidebars that scroll, section links that land below the header and stay there, mobile search and the
drawer sized to the phone with the page behind them locked, speculation rules for the next page, search that keeps
Material's query syntax and highlights the words on the page it opens, glossary popovers on hover, focus and tap,
the learner features' fixes, and Material's markup and worker protocol checked in one place.

Real Chromium through conftest's `open_reader` (the built site at its real address, every other host blocked), at
1280×800, 1366×657 and a 412×915 touch phone, light and dark, keyboard and touch. A few pages stand for all.
"""

from __future__ import annotations

import json
import re
import struct
import zlib

import pytest
from bs4 import BeautifulSoup

DESKTOP, LAPTOP, PHONE = (1280, 800), (1366, 657), (412, 915)
CACHING = "modules/07-caching/"
RELIABILITY = "modules/11-reliability-patterns/"
DATABASES = "modules/05-databases/"
PROBLEM = "problems/url-shortener/"

# Resolves once the element's top has stayed put for `frames` animation frames after `after` ms since navigation:
# the page has settled (sections drawn, landing finished), and what the reader sees is what stays.
SETTLED_TOP = """
async ([selector, after, frames]) => {
  const element = document.querySelector(selector);
  let last = null, still = 0;
  while (performance.now() < after || still < frames) {
    await new Promise(resolve => requestAnimationFrame(resolve));
    const top = Math.round(element.getBoundingClientRect().top);
    still = top === last ? still + 1 : 0;
    last = top;
  }
  return last;
}
"""


def wait_for(page, predicate: str, arg=None, timeout: int = 10000):
    """Wait, frame by frame, until a condition holds in the page. Playwright's wait_for_function compiles its
    predicate inside the page, which the site's Content-Security-Policy (no eval) refuses; here the predicate is
    part of the function Playwright sends, so the page runs it as it runs any evaluate()."""
    source = predicate.strip()
    if not (source.startswith(("(", "async")) or re.match(r"^\w+\s*=>", source)):
        source = f"() => ({source})"
    page.evaluate(f"""async (arg) => {{
        const test = {source};
        const end = performance.now() + {timeout};
        while (!(await test(arg))) {{
            if (performance.now() > end) throw new Error("timed out waiting for: " + {json.dumps(predicate)});
            await new Promise(resolve => requestAnimationFrame(resolve));
        }}
    }}""", arg)


def reader_at(open_reader, size, palette="light"):
    return open_reader(palette, size=size, touch=size == PHONE)


def header_bottom(page) -> float:
    return page.evaluate("document.querySelector('[data-md-component=header]').getBoundingClientRect().bottom")


def assert_landed(page, heading_id: str, where: str):
    """The heading is fully visible just below the header once the page has settled, and back-to-top is hidden."""
    top = page.evaluate(SETTLED_TOP, [f"[id='{heading_id}']", 2500, 30])
    box = page.evaluate(f"document.getElementById('{heading_id}').getBoundingClientRect().toJSON()")
    below = header_bottom(page)
    assert below <= top <= below + 60, f"{where}: #{heading_id} settles at {top} px, header ends at {below} px"
    assert box["bottom"] <= page.viewport_size["height"], f"{where}: #{heading_id} is cut off at the bottom"
    assert page.evaluate("document.querySelector('[data-md-component=top]').hidden"), \
        f"{where}: back-to-top popped up over the text after landing"


def search(page, text: str):
    """Type into search as a reader does; wait for this query's results."""
    if not page.evaluate("document.getElementById('__search').checked"):
        page.keyboard.press("/")
    # Clear the field first, as a reader retyping does, so the wait below sees this query's answer, not the last one.
    page.locator(".md-search__input").fill("")
    page.locator(".md-search__input").fill(text)
    wait_for(page, 
        "() => { const m = document.querySelector('.md-search-result__meta').textContent;"
        " return /match|No matching/.test(m); }")
    return page


def result_pages(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item')]
        .map(item => new URL(item.querySelector('a').href).pathname.replace(/^\\/course\\//, ''))""")


def wait_results_for(page, text: str):
    search(page, text)
    wait_for(page, "() => document.querySelectorAll('.md-search-result__item').length > 0")


# ---- Material coupling ----------------------------------------------------------------------------------------------

def test_materials_markup_globals_and_worker_protocol_are_what_site_js_expects(open_reader):
    """Fails loudly, naming the piece, when a Material upgrade changes an id, class, global or worker message."""
    reader = open_reader()
    page = reader.open(CACHING)
    material = page.evaluate("window.sdMaterial")
    assert material, "site.js did not publish its Material coupling (window.sdMaterial)"
    for name, selector in material.items():
        if name in ("globals", "worker", "paletteKey"):
            continue
        found = page.evaluate("s => s.startsWith('_') ? !!document.getElementById(s) : !!document.querySelector(s)",
                              selector)
        assert found, f"Material's markup changed: {name} ({selector}) is not on {CACHING}"
    for name in material["globals"]:
        assert page.evaluate(f"typeof window.{name} !== 'undefined'"), f"Material's inline script lost {name}"
    # The worker named in #__config answers SETUP with READY and QUERY with RESULT, with results grouped by page.
    answers = page.evaluate("""async (kinds) => {
        const config = JSON.parse(document.getElementById('__config').textContent);
        const worker = new Worker(new URL(config.search, location.href));
        const next = () => new Promise(resolve => worker.addEventListener('message', e => resolve(e.data), {once: true}));
        const index = await (await fetch(new URL(config.base + '/search/search_index.json', location.href))).json();
        worker.postMessage({type: kinds.SETUP, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
        const ready = await next();
        worker.postMessage({type: kinds.QUERY, data: 'cache'});
        const result = await next();
        worker.terminate();
        return {ready: ready.type, result: result.type, groups: result.data && result.data.items.length,
                location: result.data && result.data.items[0][0].location};
    }""", material["worker"])
    assert answers["ready"] == material["worker"]["READY"], f"search worker protocol changed: {answers}"
    assert answers["result"] == material["worker"]["RESULT"], f"search worker protocol changed: {answers}"
    assert answers["groups"] > 0 and isinstance(answers["location"], str), answers
    assert reader.errors == [], reader.errors


def test_a_missing_piece_of_materials_markup_is_reported_not_silent(open_reader, site):
    """site.js names what it could not find in the console (the tests fail on console errors)."""
    reader = open_reader()
    page = reader.page
    page.route("**/modules/07-caching/", lambda route: route.fulfill(
        status=200, content_type="text/html",
        body=(site / CACHING / "index.html").read_text(encoding="utf-8").replace('id="__search"', 'id="__gone"')))
    reader.open(CACHING)
    wait_for(page, "document.documentElement.classList.contains('js')")
    assert any("__search" in error for error in reader.errors), reader.errors


# ---- sidebars -------------------------------------------------------------------------------------------------------

def test_left_navigation_scrolls_to_its_last_entries_at_1366x657(open_reader):
    page = reader_at(open_reader, LAPTOP, "dark").open(CACHING)
    wrap = page.locator(".md-sidebar--primary .md-sidebar__scrollwrap")
    for name in ("Design a web crawler", "Glossary", "Numbers to know"):
        link = page.locator(".md-sidebar--primary a.md-nav__link", has_text=name).first
        link.scroll_into_view_if_needed()
        box, frame = link.bounding_box(), wrap.bounding_box()
        assert box["y"] >= frame["y"] - 1 and box["y"] + box["height"] <= frame["y"] + frame["height"] + 1, \
            f"'{name}' cannot be brought into the navigation's view"
        assert box["y"] + box["height"] <= LAPTOP[1], f"'{name}' stays below the bottom of the screen"


def test_table_of_contents_keeps_the_active_entry_in_view_and_stops_above_the_footer(open_reader):
    reader = reader_at(open_reader, LAPTOP)
    page = reader.open(CACHING)
    page.keyboard.press("End")
    wait_for(page, "() => { const a = document.querySelector('.md-sidebar--secondary .md-nav__link--active');"
                           " return a && /able to answer/.test(a.textContent); }")
    in_view_above_the_footer = """() => {
        const wrap = document.querySelector('.md-sidebar--secondary .md-sidebar__scrollwrap').getBoundingClientRect();
        const link = document.querySelector('.md-sidebar--secondary .md-nav__link--active').getBoundingClientRect();
        const footer = document.querySelector('.md-footer').getBoundingClientRect();
        const sidebar = document.querySelector('.md-sidebar--secondary').getBoundingClientRect();
        return link.top >= wrap.top - 1 && link.bottom <= wrap.bottom + 1 && sidebar.bottom <= footer.top + 1
          && link.bottom <= footer.top;
    }"""
    wait_for(page, in_view_above_the_footer, timeout=15000)
    # Going down with End, the page settling as sections are drawn is not the reader scrolling back up.
    page.evaluate(SETTLED_TOP, [".md-footer", 0, 30])
    assert page.evaluate("document.querySelector('[data-md-component=top]').hidden"), "back-to-top popped up after End"
    # The table of contents shrinks while the section being read stays the same (a shorter window here; the footer
    # coming into view does the same): its entry must come back into view, not stay hidden below the new bottom.
    page.set_viewport_size({"width": LAPTOP[0], "height": 420})
    wait_for(page, in_view_above_the_footer, timeout=5000)


# ---- landing on a section -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("size, path, heading", [
    (DESKTOP, CACHING, "hot-keys"),
    (LAPTOP, CACHING, "frequently-asked-questions"),
    (PHONE, RELIABILITY, "idempotency"),
])
def test_a_typed_address_with_a_section_lands_below_the_header_and_stays(open_reader, size, path, heading):
    reader = reader_at(open_reader, size, "dark" if size == PHONE else "light")
    page = reader.open(f"{path}#{heading}")
    assert_landed(page, heading, f"{path}#{heading} at {size}")
    assert reader.errors == [], reader.errors


def test_table_of_contents_links_land_below_the_header(open_reader):
    page = reader_at(open_reader, DESKTOP, "dark").open(CACHING)
    page.locator(".md-sidebar--secondary a[href='#frequently-asked-questions']").click()
    assert_landed(page, "frequently-asked-questions", "table of contents link")
    page.locator(".md-sidebar--secondary a[href='#hot-keys']").focus()
    page.keyboard.press("Enter")
    assert_landed(page, "hot-keys", "table of contents link, by keyboard")


def test_a_link_from_another_page_lands_below_the_header(open_reader, site):
    # A lesson that links to a section of module 07 in its running text (content changes; the built site says which).
    def linking(path):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return [a for a in soup.select("article a[href*='07-caching/#']") if not a.find_parent("details")]
    source = next(path.parent.relative_to(site).as_posix() + "/" for path in sorted(site.glob("*/*/index.html"))
                  if "07-caching" not in path.parent.name and linking(path))
    page = reader_at(open_reader, LAPTOP).open(source)
    page.evaluate("""() => [...document.querySelectorAll("article a[href*='07-caching/#']")]
        .find(a => !a.closest('details:not([open])')).id = 'sd-test-link'""")
    link = page.locator("#sd-test-link")
    target = link.get_attribute("href").split("#")[1]
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_url(f"**/07-caching/#{target}")
    assert_landed(page, target, f"link from {source}")


# ---- phone: search, drawer, scroll lock -----------------------------------------------------------------------------

def page_scrolls_under_a_swipe(page, x: int, y: int) -> bool:
    """A scroll gesture at (x, y), over something that does not scroll itself: does the page behind move?"""
    before = page.evaluate("scrollY")
    client = page.context.new_cdp_session(page)
    client.send("Input.synthesizeScrollGesture", {"x": x, "y": y, "yDistance": -400})
    client.detach()
    return page.evaluate("scrollY") != before


def test_mobile_search_fits_the_phone_and_locks_the_page(open_reader):
    reader = reader_at(open_reader, PHONE, "light")
    page = reader.open(CACHING)
    assert page_scrolls_under_a_swipe(page, 200, 500), "the page does not scroll at all: the lock test is empty"
    page.locator("label.md-header__button[for=__search]").tap()
    wait_results_for(page, "cache")
    widths = page.evaluate("""() => ({page: document.documentElement.scrollWidth,
        search: document.querySelector('.md-search__inner').getBoundingClientRect().width,
        result: document.querySelector('.md-search-result__item').getBoundingClientRect().right})""")
    assert max(widths.values()) <= PHONE[0], f"search is wider than the phone: {widths}"
    assert not page_scrolls_under_a_swipe(page, 200, 24), "the page scrolls behind open search"


def test_drawer_locks_the_page_closes_after_an_in_page_link_and_on_escape(open_reader):
    reader = reader_at(open_reader, PHONE)
    page = reader.open(CACHING)
    menu = page.locator("label.md-header__button[for=__drawer]")
    menu.tap()
    wait_for(page, "document.getElementById('__drawer').checked")
    assert not page_scrolls_under_a_swipe(page, 380, 500), "the page scrolls behind the open drawer"
    page.locator(".md-sidebar--primary label.md-nav__link[for=__toc]").tap()
    page.locator(".md-sidebar--primary a[href='#hot-keys']").tap()
    wait_for(page, "!document.getElementById('__drawer').checked", timeout=3000)
    assert_landed(page, "hot-keys", "in-page link from the drawer")
    menu.tap()
    wait_for(page, "document.getElementById('__drawer').checked")
    page.keyboard.press("Escape")
    wait_for(page, "!document.getElementById('__drawer').checked", timeout=3000)


# ---- the next page --------------------------------------------------------------------------------------------------

def test_pointing_at_a_link_prefetches_its_page(open_reader):
    reader = reader_at(open_reader, DESKTOP)
    page = reader.open(CACHING)
    rules = page.evaluate("[...document.querySelectorAll('script[type=speculationrules]')].map(s => s.textContent)")
    assert len(rules) == 1 and "prefetch" in json.loads(rules[0]), rules
    assert page.evaluate("HTMLScriptElement.supports('speculationrules')")
    with page.expect_request(lambda request: request.url.endswith("/08-load-balancers-and-proxies/"), timeout=5000):
        page.locator(".md-footer__link--next").hover()


# ---- search ---------------------------------------------------------------------------------------------------------

TERMS_OF_ART = [("write skew", DATABASES, 1), ("XFetch", CACHING, 1), ("hot keys", CACHING, 1)]


def test_searching_a_term_of_art_lists_the_page_that_teaches_it_near_the_top(open_reader):
    page = reader_at(open_reader, DESKTOP).open("")
    for query, page_path, within in TERMS_OF_ART:
        wait_results_for(page, query)
        assert page_path in result_pages(page)[:within], f"'{query}': {result_pages(page)[:5]}"


def test_search_keeps_materials_query_syntax(open_reader):
    page = reader_at(open_reader, DESKTOP).open("")
    wait_results_for(page, "cache redis")
    with_redis = page.evaluate("[...document.querySelectorAll('.md-search-result__list a')].map(a => a.hash)")
    assert any("redis" in anchor for anchor in with_redis)
    wait_results_for(page, "cache -redis")
    without = page.evaluate("[...document.querySelectorAll('.md-search-result__list a')].map(a => a.hash)")
    assert without and not any("redis" in anchor for anchor in without), without
    wait_results_for(page, '"write skew"')
    assert DATABASES in result_pages(page)[:3]


def test_search_shows_the_answer_to_the_last_words_typed(open_reader):
    """A reader who types on before the answer comes sees the answer to what the box says, never a late answer to
    words already replaced. Here the first words find nothing together, so their answer would ask for a looser
    retry; only the answer to "write skew" (both words required) may be shown, and nothing may replace it."""
    page = reader_at(open_reader, DESKTOP).open("")
    wait_results_for(page, "write skew")
    answer = result_pages(page), page.locator(".md-search-result__meta").text_content()
    page.locator(".md-search__input").fill("")
    page.evaluate("""() => {
        const input = document.querySelector('.md-search__input');
        for (const text of ['zzqxjv caching', 'write skew']) {
            input.value = text;
            input.dispatchEvent(new Event('input', {bubbles: true}));
        }
    }""")
    wait_for(page, "/match/.test(document.querySelector('.md-search-result__meta').textContent)")
    # Nothing may arrive afterwards: watch the list while the worker answers anything still asked of it.
    late = page.evaluate("""() => new Promise(resolve => {
        const list = document.querySelector('.md-search-result__list');
        const seen = new MutationObserver(() => { seen.disconnect(); resolve(true); });
        seen.observe(list, {childList: true, subtree: true});
        setTimeout(() => { seen.disconnect(); resolve(false); }, 1500);
    })""")
    shown = result_pages(page), page.locator(".md-search-result__meta").text_content()
    assert not late and shown == answer, f"a late answer replaced the results for 'write skew': {shown[1]}"


def test_a_pages_further_sections_fold_under_more_on_this_page(open_reader):
    page = reader_at(open_reader, PHONE, "dark").open("")
    page.locator("label.md-header__button[for=__search]").tap()
    wait_results_for(page, "cache")
    more = page.locator(".md-search-result__more").first
    summary = more.locator("summary")
    assert "more on this page" in summary.inner_text()
    hidden = more.locator("a").first
    assert not hidden.is_visible()
    summary.tap()
    assert hidden.is_visible()


def test_a_search_result_opens_its_section_with_the_words_highlighted(open_reader):
    reader = reader_at(open_reader, DESKTOP)
    page = reader.open("")
    wait_results_for(page, "hot keys")
    page.keyboard.press("ArrowDown")
    link = page.evaluate("document.activeElement.href")
    assert "h=hot+keys" in link and "#" in link, link
    page.keyboard.press("Enter")
    page.wait_for_url("**/07-caching/**")
    marks = page.evaluate("[...document.querySelectorAll('article mark[data-md-highlight]')].map(m => m.textContent)")
    assert {"hot", "keys"} <= {mark.lower() for mark in marks}, marks[:10]
    assert_landed(page, link.split("#")[1], "search result")


# ---- glossary terms -------------------------------------------------------------------------------------------------

def tip_state(page):
    return page.evaluate("""() => { const tip = document.getElementById('sd-tip');
        return tip && !tip.hidden ? {text: tip.textContent, box: tip.getBoundingClientRect().toJSON()} : null; }""")


def test_a_term_shows_its_definition_on_hover_and_keyboard_focus(open_reader):
    reader = reader_at(open_reader, DESKTOP)
    page = reader.open(CACHING)
    term = page.locator("article .sd-term").first
    definition = term.get_attribute("data-sd-definition")
    paragraph = term.locator("xpath=..")
    before = paragraph.bounding_box()
    term.hover()
    wait_for(page, "() => { const t = document.getElementById('sd-tip'); return t && !t.hidden; }")
    assert definition in tip_state(page)["text"]
    assert paragraph.bounding_box() == before, "showing the definition moved the text"
    page.mouse.move(5, 400)
    wait_for(page, "document.getElementById('sd-tip').hidden")
    # Keyboard: Tab from the element before the term reaches it, and its definition describes it.
    page.evaluate("""() => { const t = document.querySelector('article .sd-term');
        const before = document.createElement('button'); before.id = 'sd-before'; t.before(before); }""")
    page.locator("#sd-before").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('sd-term')")
    wait_for(page, "() => { const t = document.getElementById('sd-tip'); return t && !t.hidden; }")
    assert term.get_attribute("aria-describedby") == "sd-tip" and term.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    wait_for(page, "document.getElementById('sd-tip').hidden")


def test_a_term_shows_its_definition_on_tap_within_the_phone_screen(open_reader):
    reader = reader_at(open_reader, PHONE, "dark")
    page = reader.open(CACHING)
    term = page.locator("article .sd-term").nth(2)
    term.scroll_into_view_if_needed()
    paragraph = term.locator("xpath=..")
    before = paragraph.bounding_box()
    term.tap()
    wait_for(page, "() => { const t = document.getElementById('sd-tip'); return t && !t.hidden; }")
    state = tip_state(page)
    assert term.get_attribute("data-sd-definition") in state["text"]
    assert state["box"]["left"] >= 0 and state["box"]["right"] <= PHONE[0], state["box"]
    assert paragraph.bounding_box() == before, "showing the definition moved the text"
    glossary = page.locator("#sd-tip a")
    assert "reference/glossary/#" in glossary.get_attribute("href")
    page.locator("h1").tap()
    wait_for(page, "document.getElementById('sd-tip').hidden")


# ---- learner features -----------------------------------------------------------------------------------------------

def tick_all(page) -> int:
    boxes = page.locator(".sd-checklist input[type=checkbox]")
    for index in range(boxes.count()):
        boxes.nth(index).check()
    return boxes.count()


def test_a_finished_lesson_marks_its_navigation_link_not_its_table_of_contents(open_reader):
    page = reader_at(open_reader, DESKTOP).open(CACHING)
    tick_all(page)
    wait_for(page, "document.querySelectorAll('.sd-nav--done').length > 0")
    marked = page.evaluate("[...document.querySelectorAll('.sd-nav--done')].map(a => a.getAttribute('href'))")
    assert not [href for href in marked if href.startswith("#")], f"sections marked finished: {marked}"


def write_progress(tmp_path, pages: dict) -> str:
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"version": 1, "pages": pages}))
    return str(path)


def lesson_questions(page, url: str) -> list[str]:
    return page.evaluate("async u => (await (await fetch('assets/lessons.json')).json()).lessons"
                         ".find(l => l.url === u).questions", url)


def test_importing_progress_merges_with_the_ticks_already_here(open_reader, tmp_path):
    page = reader_at(open_reader, DESKTOP).open("")
    first, second = (lesson_questions(page, url) for url in ("modules/01-what-is-system-design/", DATABASES))
    page.evaluate("([a]) => localStorage.setItem('system-design-course.progress', JSON.stringify("
                  "{version: 1, pages: {'modules/01-what-is-system-design/': a}}))", [first])
    page.reload()
    page.locator(".sd-progress input[type=file]").set_input_files(write_progress(tmp_path, {DATABASES: second}))
    wait_for(page, "document.querySelector('.sd-progress__summary').textContent.startsWith('2 of')")
    assert "merged" in page.locator(".sd-progress__message").inner_text()


def test_storage_that_refuses_the_import_is_reported_as_a_failure(open_reader, tmp_path):
    reader = reader_at(open_reader, DESKTOP)
    page = reader.page
    page.add_init_script("Storage.prototype.setItem = function () {"
                         " throw new DOMException('full', 'QuotaExceededError'); };")
    page = reader.open("")
    page.locator(".sd-progress input[type=file]").set_input_files(write_progress(tmp_path, {DATABASES: ["x"]}))
    wait_for(page, "document.querySelector('.sd-progress__message').textContent !== ''")
    message = page.locator(".sd-progress__message").inner_text()
    assert "failed" in message.lower() and "imported for" not in message, message


def png_pixel(png: bytes, x: int, y: int) -> tuple[int, int, int]:
    """One pixel of an 8-bit RGB/RGBA PNG, as Chromium's screenshots are (no imaging library needed)."""
    width, height, depth, kind = struct.unpack(">IIBB", png[16:26])
    data, offset = b"", 8
    while offset < len(png):
        length, chunk = struct.unpack(">I4s", png[offset:offset + 8])
        if chunk == b"IDAT":
            data += png[offset + 8:offset + 8 + length]
        offset += 12 + length
    raw, size = zlib.decompress(data), {2: 3, 6: 4}[kind]
    stride, rows, previous = width * size, [], bytearray(width * size)
    for row in range(y + 1):
        kind_of_filter, line = raw[row * (stride + 1)], bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up, corner = previous[i], previous[i - size] if i >= size else 0
            if kind_of_filter == 1:
                line[i] = (line[i] + left) & 255
            elif kind_of_filter == 2:
                line[i] = (line[i] + up) & 255
            elif kind_of_filter == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind_of_filter == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        previous = line
    return tuple(previous[x * size:x * size + 3])


def test_an_empty_progress_bar_reads_empty_in_the_dark_palette(open_reader):
    page = reader_at(open_reader, PHONE, "dark").open("")
    bar = page.locator(".sd-progress__bar")
    bar.scroll_into_view_if_needed()
    wait_for(page, "document.querySelector('.sd-progress__summary').textContent.startsWith('0 of')")
    box = bar.bounding_box()
    red, green, blue = png_pixel(bar.screenshot(), int(box["width"] / 2), int(box["height"] / 2))
    assert red + green + blue < 3 * 100, f"the empty bar is drawn light ({red}, {green}, {blue}) on the dark page"


def test_the_estimators_copied_link_opens_the_estimator_with_its_inputs(open_reader):
    reader = reader_at(open_reader, DESKTOP)
    reader.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = reader.open("modules/02-back-of-the-envelope-estimation/")
    page.locator("#sd-estimate-dau").fill("1000000")
    page.get_by_role("button", name="Copy link to this estimate").click()
    wait_for(page, "document.querySelector('.sd-estimator__copied').textContent.includes('copied')")
    link = page.evaluate("navigator.clipboard.readText()")
    assert "dau=1000000" in link and link.endswith("#estimator"), link
    other = reader_at(open_reader, PHONE).page
    other.goto(link)
    assert other.locator("#sd-estimate-dau").input_value() == "1000000"
    top = other.evaluate(SETTLED_TOP, ["#estimator", 2500, 30])
    assert 0 <= top <= PHONE[1] / 2, f"the estimator is at {top} px, not in view"


def test_the_practice_timer_survives_a_reload_stays_in_view_and_hides_the_answers(open_reader):
    reader = reader_at(open_reader, LAPTOP)
    page = reader.open(PROBLEM)
    answers = "table.sd-timer--practising td:nth-child(3)"
    page.get_by_role("button", name="Start practice").click()
    assert page.locator(answers).first.evaluate("cell => getComputedStyle(cell).visibility") == "hidden"
    page.reload()
    wait_for(page, "/left overall/.test(document.querySelector('.sd-timer__clock').textContent)")
    assert page.get_by_role("button", name="Pause").is_visible()
    assert page.locator(answers).count() > 0
    page.mouse.wheel(0, 3000)
    wait_for(page, "scrollY > 2000")
    panel = page.locator(".sd-timer").bounding_box()
    assert header_bottom(page) - 1 <= panel["y"] < LAPTOP[1] / 3, f"the timer scrolled out of view: {panel}"
    page.get_by_role("button", name="Reset").click()
    assert page.locator(answers).count() == 0
