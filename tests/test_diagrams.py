"""Promise: every diagram is legible where it is read, drawn the same way every time, and the site can be previewed
without a browser.

- Desktop (1280×800, 1366×657): the content column is lesson_schema.DIAGRAM_COLUMN wide and every diagram is shown
  at ≥ 75% of its natural size, because the build refuses a diagram wider than DIAGRAM_MAX_WIDTH
  (test_broken_lessons.py proves the refusal with tests/fixtures/broken/too-wide-diagram.md).
- Phone (412×915, touch): a diagram is never shown below 60%; where the column is narrower it scrolls sideways, and
  a tap (or Enter) opens the drawing of the palette shown at full size, text alternative kept; pinch-zoom is allowed.
- Drawing: the cache key covers the drawing code, Chromium's version and the font; a timed-out diagram names the
  file, its number and "timed out"; a crashed browser is named as the culprit.
- Without Chromium: `mkdocs build` fails at once naming Chromium, /usr/bin/chromium and $CHROMIUM_PATH; `mkdocs
  serve` serves every page and draws diagrams in the reader's browser from the pinned vendor/mermaid.
"""

from __future__ import annotations

import functools
import os
import re
import socket
import subprocess
import sys
import time
import types
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from bs4 import BeautifulSoup

import diagrams
import lesson_schema
from conftest import CSP_LISTENER, ROOT, SITE_URL, is_csp_violation, page_url_path

PHONE = {"viewport": {"width": 412, "height": 915}, "has_touch": True, "is_mobile": True}
DESKTOPS = [(1280, 800), (1366, 657)]


# The light drawing of a diagram as hooks/diagrams.py writes it: its natural width is the width attribute.
_LIGHT_IMAGE = re.compile(r'<img class="sd-diagram__light"[^>]*?\swidth="(\d+)"')


@functools.lru_cache(maxsize=2)
def drawn_diagrams(site) -> dict[str, list[int]]:
    """Each built page's diagrams' natural widths (the light drawing's width attribute), by URL path; only in the
    article (a page's own diagrams)."""
    found = {}
    for index in sorted(site.rglob("index.html")):
        text = index.read_text(encoding="utf-8")
        article = text[text.find("<article"):text.rfind("</article>")]
        widths = [int(width) for width in _LIGHT_IMAGE.findall(article)]
        if widths:
            found[index.parent.relative_to(site).as_posix() + "/"] = widths
    return found


def widest(site) -> tuple[str, int, int]:
    """(URL path, diagram index from 0, width) of the widest diagram of the site."""
    return max(((path, number, width) for path, widths in drawn_diagrams(site).items()
                for number, width in enumerate(widths)), key=lambda found: found[2])


SHOWN = """(number) => {
  const diagram = document.querySelectorAll(".md-content .sd-diagram")[number];
  diagram.scrollIntoView({block: "center"});
  const image = [...diagram.querySelectorAll("img")].find(img => getComputedStyle(img).display !== "none");
  return {shown: image.getBoundingClientRect().width, natural: image.naturalWidth, loaded: image.complete,
          scrolls: diagram.scrollWidth > diagram.clientWidth, column: diagram.clientWidth,
          pageScrolls: document.scrollingElement.scrollWidth > innerWidth, src: image.getAttribute("src")};
}"""
LOADED = """(number) => {
  const diagram = document.querySelectorAll(".md-content .sd-diagram")[number];
  diagram.scrollIntoView({block: "center"});
  return [...diagram.querySelectorAll("img")].some(img => getComputedStyle(img).display !== "none" && img.complete
                                                        && img.naturalWidth > 0);
}"""


# --- the rule, from the built HTML ---------------------------------------------------------------------------

def test_width_limit_is_the_column_at_75_percent():
    assert lesson_schema.DIAGRAM_MAX_WIDTH == int(lesson_schema.DIAGRAM_COLUMN / lesson_schema.DIAGRAM_MIN_SCALE)
    assert lesson_schema.check_diagram_width(lesson_schema.DIAGRAM_MAX_WIDTH) == []
    [problem] = lesson_schema.check_diagram_width(lesson_schema.DIAGRAM_MAX_WIDTH + 1)
    assert f"at most {lesson_schema.DIAGRAM_MAX_WIDTH} px" in problem


def test_every_built_diagram_is_within_the_width_limit(site):
    found = drawn_diagrams(site)
    assert sum(len(widths) for widths in found.values()) > 80, "fewer diagrams than the course has"
    too_wide = {path: widths for path, widths in found.items() if max(widths) > lesson_schema.DIAGRAM_MAX_WIDTH}
    assert too_wide == {}


def test_pages_allow_pinch_zoom(site):
    for path in drawn_diagrams(site):
        head = (site / path / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
        viewport = BeautifulSoup(head, "html.parser").find("meta", attrs={"name": "viewport"})["content"]
        viewport = viewport.replace(" ", "").lower()
        assert "width=device-width" in viewport, path
        assert "user-scalable=no" not in viewport and "user-scalable=0" not in viewport, path
        maximum = re.search(r"maximum-scale=([\d.]+)", viewport)
        assert not maximum or float(maximum.group(1)) >= 5, f"{path}: {viewport}"


# --- as a reader on a desktop --------------------------------------------------------------------------------

@pytest.mark.parametrize("size", DESKTOPS, ids=lambda size: f"{size[0]}x{size[1]}")
def test_desktop_shows_the_widest_diagram_at_75_percent(browser, site, size):
    path, number, width = widest(site)
    made = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = made.new_page()
    page.goto(SITE_URL + path)
    page.wait_for_function(LOADED, arg=number)
    shown = page.evaluate(SHOWN, number)
    made.close()
    assert shown["column"] == lesson_schema.DIAGRAM_COLUMN, \
        f"the content column is {shown['column']} px, not the {lesson_schema.DIAGRAM_COLUMN} the width rule assumes"
    assert shown["natural"] == width
    assert shown["shown"] / width >= lesson_schema.DIAGRAM_MIN_SCALE, f"{path} diagram {number + 1}: {shown}"
    assert not shown["scrolls"] and not shown["pageScrolls"], shown


# --- as a reader on a phone ----------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_keeps_a_wide_diagram_legible_and_opens_it_full_size(browser, site, scheme):
    path, number, width = widest(site)
    assert width * lesson_schema.PHONE_MIN_SCALE > 380, "no diagram is too wide for a phone: pick another check"
    made = browser.new_context(color_scheme=scheme, **PHONE)
    page = made.new_page()
    page.goto(SITE_URL + path)
    page.wait_for_function(LOADED, arg=number)
    shown = page.evaluate(SHOWN, number)
    assert shown["shown"] / width >= lesson_schema.PHONE_MIN_SCALE - 0.005, shown
    assert shown["scrolls"], "a diagram wider than the column at 60% should scroll sideways"
    assert not shown["pageScrolls"], "the page itself scrolls sideways"
    assert shown["src"].endswith(f"-{scheme}.svg"), shown

    # The reader swipes the diagram sideways to see its right edge.
    diagram = page.locator(".md-content .sd-diagram").nth(number)
    diagram.evaluate("element => { element.scrollLeft = element.scrollWidth; }")
    assert diagram.evaluate("element => element.scrollLeft") > 0

    # Only the shown palette's link can take focus; it is named by the diagram's text alternative; Enter opens it.
    links = diagram.locator("a")
    focusable = [links.nth(i).evaluate("a => getComputedStyle(a).display !== 'none'") for i in range(links.count())]
    assert focusable == ([True, False] if scheme == "light" else [False, True])
    link = links.nth(focusable.index(True))
    alt = link.locator("img").get_attribute("alt")
    assert len(alt) > 40
    link.focus()
    assert page.evaluate("document.activeElement.getAttribute('href')") == shown["src"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"-{scheme}.svg")
    page.go_back()

    # A tap opens the same drawing, at its natural size, on its palette's background.
    page.wait_for_function(LOADED, arg=number)
    with page.expect_navigation():
        page.locator(".md-content .sd-diagram").nth(number).locator(f"img.sd-diagram__{scheme}").tap()
    assert page.url.endswith(f"-{scheme}.svg")
    opened = page.evaluate("""() => ({width: document.documentElement.getAttribute("width"),
                                       background: getComputedStyle(document.documentElement).backgroundColor})""")
    made.close()
    assert int(opened["width"]) == width
    assert opened["background"] == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(30, 33, 41)")


def test_phone_shows_a_diagram_that_fits_without_scrolling(browser, site):
    found = drawn_diagrams(site)
    path, number = next((path, number) for path, widths in found.items() for number, width in enumerate(widths)
                        if width * lesson_schema.PHONE_MIN_SCALE < 300)
    made = browser.new_context(**PHONE)
    page = made.new_page()
    page.goto(SITE_URL + path)
    page.wait_for_function(LOADED, arg=number)
    shown = page.evaluate(SHOWN, number)
    made.close()
    assert not shown["scrolls"] and shown["shown"] >= shown["natural"] * lesson_schema.PHONE_MIN_SCALE, shown


# --- reproducible drawings -----------------------------------------------------------------------------------

def test_cache_key_covers_drawing_code_chromium_and_font():
    key = diagrams.engine_key("code", "Chromium 1", "Liberation Sans 2.1")
    assert key == diagrams.engine_key("code", "Chromium 1", "Liberation Sans 2.1")
    assert key != diagrams.engine_key("code changed", "Chromium 1", "Liberation Sans 2.1")
    assert key != diagrams.engine_key("code", "Chromium 2", "Liberation Sans 2.1")
    assert key != diagrams.engine_key("code", "Chromium 1", "DejaVu Sans 2.37")
    assert "page.evaluate" in diagrams.drawing_code() and "mermaid.render" in diagrams.drawing_code()
    assert diagrams.SETTINGS.get("handDrawnSeed"), "Mermaid's hand-drawn randomness is not seeded"


# --- failures name the culprit -------------------------------------------------------------------------------

@pytest.fixture
def hook(tmp_path, monkeypatch):
    """The diagrams hook in this process, with an empty cache and the real Chromium, and a stand-in for
    docs/reference/example.md as the page being drawn. The hook drives its own Playwright, which cannot share a
    thread with the session's browser, so every call runs on one worker thread: hook.run(function)."""
    monkeypatch.setenv("SD_DIAGRAM_CACHE", str(tmp_path / "cache"))
    worker = ThreadPoolExecutor(max_workers=1)
    run = lambda function: worker.submit(function).result()   # noqa: E731
    run(lambda: diagrams.on_startup(command="build", dirty=False))
    diagrams._engine.cache_clear()
    page = types.SimpleNamespace(file=types.SimpleNamespace(abs_src_path=str(ROOT / "docs/reference/example.md")))
    config = types.SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))
    yield types.SimpleNamespace(run=run, draw=lambda: diagrams._svg(page, config, 3, "flowchart TB\n  a --> b",
                                                                    "default", "", "light"))
    run(diagrams._abandon_browser)
    worker.shutdown()
    diagrams._engine.cache_clear()


def test_a_diagram_that_hangs_times_out_naming_file_and_number(hook, monkeypatch):
    monkeypatch.setattr(diagrams, "TIMEOUT", 1.0)
    # A renderer stuck in a loop: nothing in the page can answer any more, so only an outside clock can stop it.
    hook.run(lambda: diagrams._page().evaluate("() => { mermaid.render = () => { for (;;) {} }; }"))
    started = time.monotonic()
    with pytest.raises(diagrams.PluginError) as failure:
        hook.run(hook.draw)
    assert time.monotonic() - started < 15
    assert "docs/reference/example.md: diagram 3 timed out" in str(failure.value)


def test_a_browser_crash_names_the_browser(hook):
    def crash():
        try:
            diagrams._page().goto("chrome://crash")
        except Exception:   # noqa: BLE001 (the navigation dies with the renderer)
            pass

    hook.run(crash)
    with pytest.raises(diagrams.PluginError) as failure:
        hook.run(hook.draw)
    message = str(failure.value)
    assert "the browser, Chromium (" in message and "crashed" in message and "not the page" in message, message
    assert "docs/reference/example.md: diagram 3" in message


def test_a_working_browser_draws_the_same_diagram(hook):
    name, svg = hook.run(hook.draw)
    assert name.endswith("-light.svg") and svg.startswith("<svg")


def run_mkdocs(*arguments, chromium: str, timeout: float = 120):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CHROMIUM_PATH=chromium)
    return subprocess.run([sys.executable, "-m", "mkdocs", *arguments], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_build_without_chromium_fails_at_once_naming_chromium(tmp_path):
    started = time.monotonic()
    result = run_mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"), chromium=str(tmp_path / "none"))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert time.monotonic() - started < 30, "the build should stop before rendering any page"
    for words in ("Chromium", "/usr/bin/chromium", "$CHROMIUM_PATH", str(tmp_path / "none")):
        assert words in output, f"{words!r} missing from:\n{output}"
    assert "docs/" not in output and ".md" not in output, f"the message blames a page:\n{output}"
    assert "Traceback" not in output, output
    assert not (tmp_path / "site").exists()


def test_build_with_a_chromium_that_crashes_names_the_browser(tmp_path):
    crashing = tmp_path / "chromium"
    crashing.write_text("#!/bin/sh\necho 'Segmentation fault' >&2\nexit 139\n")
    crashing.chmod(0o755)
    result = run_mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"), chromium=str(crashing))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"Chromium ({crashing}) does not run" in output and "Segmentation fault" in output, output
    assert ".md" not in output and "Traceback" not in output, output


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_without_chromium_draws_diagrams_in_the_readers_browser(browser, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CHROMIUM_PATH=str(tmp_path / "none"))
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
                                  cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/course/"
    try:
        deadline = time.monotonic() + 180
        while "Serving on" not in log.read_text() and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)   # waiting on a separate process's log: no event to wait on
        text = log.read_text()
        assert "Serving on" in text, text
        told = [line for line in text.splitlines() if "no Chromium here" in line]
        assert len(told) == 1 and "vendor/mermaid" in told[0], text

        path = page_url_path("problems/file-sync.md")      # a flowchart, a sequence and a state diagram
        html = urllib.request.urlopen(base + path, timeout=30).read().decode()
        assert 'class="sd-diagram sd-diagram--preview"' in html and "assets/diagrams/" not in html
        # The preview runs under the site's Content-Security-Policy too (hooks/safety.py), with Mermaid in it.
        assert '<meta http-equiv="Content-Security-Policy"' in html
        library = urllib.request.urlopen(base + diagrams.PREVIEW_LIBRARY, timeout=30).read()
        assert library == diagrams.LIBRARY.read_bytes(), "the preview must use the pinned vendor/mermaid"

        made = browser.new_context(viewport={"width": 1280, "height": 800})
        elsewhere = []
        made.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                   else (elsewhere.append(route.request.url), route.abort()))
        made.add_init_script(CSP_LISTENER)
        page = made.new_page()
        refused = []
        page.on("console", lambda message: refused.append(message.text) if is_csp_violation(message.text) else None)
        page.goto(base + path)
        expected = html.count("sd-diagram--preview")
        page.wait_for_function("n => document.querySelectorAll('.sd-diagram--preview svg[aria-roledescription]').length === n",
                               arg=expected, timeout=60_000)
        labels = page.eval_on_selector_all(".sd-diagram--preview", "ds => ds.map(d => d.getAttribute('aria-label'))")
        made.close()
        assert all(len(label) > 40 for label in labels), labels
        assert elsewhere == [], f"the preview reached another host: {elsewhere}"
        assert refused == [], f"the site's Content-Security-Policy refused part of the preview: {refused}"
    finally:
        server.terminate()
        server.wait(timeout=30)
