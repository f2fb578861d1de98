"""Draw every Mermaid diagram at build time, so readers never download or run Mermaid.

Each ```mermaid fence (mkdocs-mermaid2-plugin writes it as <pre class="mermaid"><code>, source unescaped) becomes
two images, one for each palette, drawn by the pinned Mermaid in vendor/mermaid/ inside a headless Chromium
(Playwright; the same browser the tests use). The SVG files are written to assets/diagrams/ under names derived from their
content, and the page gets

    <div class="sd-diagram"><img class="sd-diagram__light" …><img class="sd-diagram__dark" …></div>

with the diagram's accTitle and accDescr as the images' text alternative and their real width and height, so
nothing moves when they load. CSS shows the one that matches the palette; `loading="lazy"` means the browser
fetches only that one, and only when it comes near the screen.

Drawn diagrams are cached in $SD_DIAGRAM_CACHE, else $XDG_CACHE_HOME/system-design-course/diagrams, else
~/.cache/…, under a key that covers everything that shapes the drawing: the source, the palette, Mermaid's checksum,
the settings, this hook's drawing code, the Chromium version and the font the labels are measured in. A rebuild
only starts the browser for diagrams that changed. Drawings are reproducible: Mermaid's hand-drawn randomness is
seeded (handDrawnSeed) and the per-page counters in sequence diagrams' ids are renumbered, so an empty cache draws
the same bytes as a full one.

Every drawn diagram must be legible in the content column: its natural width may be at most
lesson_schema.DIAGRAM_MAX_WIDTH. A wider diagram, one Mermaid cannot draw, or one that takes longer than
TIMEOUT seconds fails the build, naming the file and the diagram's number on the page.

Chromium is found by site_kit.chromium_version() at startup. Without one, `mkdocs build` fails at once with a
message naming Chromium, /usr/bin/chromium and $CHROMIUM_PATH; `mkdocs serve` still serves every page, with each
diagram drawn in the contributor's browser by the pinned vendor/mermaid, copied into the served site only then (a
published site never ships it), and says so in one log line.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

from filelock import FileLock
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import lesson_schema
import site_kit

log = logging.getLogger("mkdocs.hooks.diagrams")

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "vendor" / "mermaid" / "mermaid.min.js"
FOLDER = "assets/diagrams"
PREVIEW_LIBRARY = "assets/javascripts/vendor/mermaid.min.js"    # `mkdocs serve` without Chromium only
TIMEOUT = 30.0                     # seconds one diagram may take before the build gives up on it

# Arial's metrics are shared by Helvetica and Liberation Sans, so labels fit their boxes on every system.
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
# (file suffix, Mermaid theme, extra CSS): the dark theme's grey boxes behind edge labels are lightened for contrast.
PALETTES = (
    ("light", "default", ""),
    ("dark", "dark", ".edgeLabel rect, .labelBkg { fill: #1e2129 !important; opacity: 1 !important; }"
                     ".edgeLabel text, .edgeLabel tspan { fill: #e2e4e9 !important; }"),
)
# handDrawnSeed fixes the random control points Mermaid (rough.js) gives shapes, so a drawing never changes by chance.
SETTINGS = {"startOnLoad": False, "securityLevel": "strict", "fontFamily": FONT, "htmlLabels": False,
            "flowchart": {"htmlLabels": False}, "handDrawnSeed": 1,
            # Sequence diagrams: long messages wrap instead of pushing participants apart (five fit in 917 px).
            "sequence": {"wrap": True, "width": 130, "actorMargin": 32}}

# fence_mermaid() writes the source HTML-escaped, so a block holds no "<" before its end (linear to find).
_BLOCK = re.compile(r'<pre class="mermaid"><code>([^<]*)</code></pre>')
_VIEWBOX = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')

_written: dict[str, str] = {}       # file name → SVG, written into the site after the build
_browser = None                     # (playwright, browser, page), started when a diagram is not in the cache
_problems: list[str] = []          # diagrams that cannot be drawn or are too wide, reported together
_state = {"command": "build", "chromium": None, "preview": False, "told": False}


def _cache() -> Path:
    if os.environ.get("SD_DIAGRAM_CACHE"):
        return Path(os.environ["SD_DIAGRAM_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "system-design-course" / "diagrams"


# --- drawing: the code between these markers is part of every cache key ---
def _page():
    global _browser
    if _browser is None:
        from playwright.sync_api import Error, sync_playwright

        playwright = sync_playwright().start()
        try:
            browser = site_kit.launch(playwright)
        except Error as error:
            playwright.stop()
            raise PluginError(f"hooks/diagrams.py: Chromium ({_state['chromium'][0]}) could not be started to draw the "
                              f"diagrams: {str(error).strip().splitlines()[0]}") from None
        page = browser.new_page()
        page.set_content(f'<!doctype html><title>diagrams</title><body style="font-family: {FONT}"></body>')
        page.add_script_tag(content=LIBRARY.read_text(encoding="utf-8"))
        _browser = (playwright, browser, page)
    return _browser[2]


def _close_browser() -> None:
    global _browser
    if _browser is not None:
        playwright, browser, _ = _browser
        _browser = None
        try:
            browser.close()
        finally:
            playwright.stop()


@functools.cache
def _library_checksum() -> str:
    return hashlib.sha256(LIBRARY.read_bytes()).hexdigest()


# Mermaid numbers sequence diagrams' actors with a counter that lives as long as the page, so the ids would depend on
# which diagrams were drawn before (that is, on the cache); number them from 0 in each drawing instead.
_ACTOR_ID = re.compile(r'\bid="(actor|root-)(\d+)"')


def _stable_ids(svg: str) -> str:
    numbers: dict[str, int] = {}
    for match in _ACTOR_ID.finditer(svg):
        numbers.setdefault(match.group(2), len(numbers))
    return _ACTOR_ID.sub(lambda m: f'id="{m.group(1)}{numbers[m.group(2)]}"', svg)


class DrawingTimedOut(Exception):
    pass


def _draw(source: str, theme: str, css: str, name: str) -> str:
    """The SVG Mermaid draws; ValueError with Mermaid's message if it cannot, DrawingTimedOut past TIMEOUT."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    settings = dict(SETTINGS, theme=theme, themeCSS=css)
    page = _page()
    # Drawing starts on the page's own clock, and the wait is measured by Playwright outside the page, so a renderer
    # stuck in a loop still times out.
    page.evaluate(
        """([id, source, settings]) => {
             window.sdDrawn = null;
             setTimeout(async () => {
               mermaid.initialize(settings);
               try { window.sdDrawn = { svg: (await mermaid.render(id, source)).svg }; }
               catch (error) { window.sdDrawn = { error: String(error.message || error) }; }
             }, 0);
           }""",
        [name, source, settings],
    )
    try:
        result = page.wait_for_function("() => window.sdDrawn", timeout=TIMEOUT * 1000).json_value()
    except PlaywrightTimeout:
        raise DrawingTimedOut() from None
    if "error" in result:
        raise ValueError(result["error"].strip().splitlines()[0])
    svg = _stable_ids(result["svg"])
    # As an image an SVG needs its own size: take it from the viewBox instead of Mermaid's width="100%".
    match = _VIEWBOX.search(svg)
    if not match:
        raise ValueError("Mermaid returned an SVG without a viewBox")
    width, height = (round(float(value)) for value in match.groups())
    svg = re.sub(r'^<svg([^>]*?) width="100%"', rf'<svg\1 width="{width}" height="{height}"', svg, count=1)
    svg = re.sub(r'^(<svg[^>]*?) style="max-width: [\d.]+px;"', r"\1", svg, count=1)
    return svg
# --- end of drawing ---


@functools.cache
def _font() -> str:
    """The font file and version the labels are measured in (what fontconfig gives Chromium for Arial)."""
    if not shutil.which("fc-match"):
        return FONT
    result = subprocess.run(["fc-match", "-f", "%{file}|%{fontversion}", FONT.split(",")[0]], capture_output=True,
                            text=True, timeout=10)
    return result.stdout.strip() or FONT


def engine_key(drawing_code: str, chromium: str, font: str) -> str:
    """One checksum of everything besides the source and palette that shapes a drawing."""
    parts = [_library_checksum(), SETTINGS, drawing_code, chromium, font]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def drawing_code() -> str:
    code = Path(__file__).read_text(encoding="utf-8")
    return code[code.index("# --- drawing:"):code.index("# --- end of drawing ---")]


@functools.cache
def _engine() -> str:
    return engine_key(drawing_code(), _state["chromium"][1], _font())


def _text_alternative(source: str) -> str:
    found = {key: "" for key in ("accTitle", "accDescr")}
    for line in source.splitlines():
        key, _, value = line.strip().partition(":")
        if key in found and not found[key]:
            found[key] = value.strip()
    return ". ".join(part.rstrip(".") for part in found.values() if part) + "."


def _shown(page: Page, config: MkDocsConfig) -> str:
    return os.path.relpath(page.file.abs_src_path, os.path.dirname(config.config_file_path or "."))


def _svg(page: Page, config: MkDocsConfig, number: int, source: str, theme: str, css: str, suffix: str):
    """(file name, SVG) of one diagram in one palette, from the cache or drawn now."""
    key = hashlib.sha256(json.dumps([_engine(), theme, css, source]).encode()).hexdigest()[:20]
    name = f"{key}-{suffix}.svg"
    cached = _cache() / name
    if cached.is_file():
        return name, cached.read_text(encoding="utf-8")
    # Builds side by side (the tests' copies of the course) take turns to draw, so each missing diagram is drawn once.
    cached.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(cached.parent / "drawing.lock")):
        if cached.is_file():
            return name, cached.read_text(encoding="utf-8")
        return name, _draw_into_cache(page, config, number, source, theme, css, key, cached)


def _draw_into_cache(page: Page, config: MkDocsConfig, number: int, source: str, theme: str, css: str, key: str,
                     cached: Path) -> str | None:
    from playwright.sync_api import Error

    where = f"{_shown(page, config)}: diagram {number}"
    browser = f"Chromium ({_state['chromium'][0]}, {_state['chromium'][1]})"
    try:
        svg = _draw(source, theme, css, f"sd-{key}")
    except ValueError as error:
        _problems.append(f"{where} cannot be drawn by Mermaid: {error}")
        return None
    except DrawingTimedOut:
        _abandon_browser()
        raise PluginError(f"hooks/diagrams.py: {where} timed out: {browser} did not finish drawing it in "
                          f"{TIMEOUT:.0f} s. Simplify the diagram, or check that the browser works.") from None
    except Error as error:
        _abandon_browser()
        raise PluginError(f"hooks/diagrams.py: the browser, {browser}, crashed or closed while drawing {where} "
                          f"({str(error).strip().splitlines()[0]}); the browser failed, not the page. Point "
                          "$CHROMIUM_PATH to a working Chromium and build again.") from None
    partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")
    partial.write_text(svg, encoding="utf-8")
    os.replace(partial, cached)
    return svg


def _abandon_browser() -> None:
    """Stop a browser that hung or crashed without waiting on it."""
    global _browser
    if _browser is not None:
        playwright, browser, _ = _browser
        _browser = None
        try:
            browser.close(reason="a diagram timed out or the browser crashed")
        except Exception:   # noqa: BLE001 (it is already gone)
            pass
        try:
            playwright.stop()
        except Exception:   # noqa: BLE001
            pass


def _image(page: Page, config: MkDocsConfig, number: int, source: str, original: str) -> str:
    images = []
    for suffix, theme, css in PALETTES:
        name, svg = _svg(page, config, number, source, theme, css, suffix)
        if svg is None:
            return original     # reported with every other problem once all pages are drawn (on_env)
        _written[name] = _with_background(svg, suffix)
        width, height = re.search(r'^<svg[^>]*? width="(\d+)" height="(\d+)"', svg).groups()
        if suffix == "light":
            _problems.extend(f"{_shown(page, config)}: diagram {number} ({lesson_schema.diagram_kind(source)}) {p}"
                            for p in lesson_schema.check_diagram_width(int(width)))
        src = get_relative_url(f"{FOLDER}/{name}", page.url)
        # Each drawing links to itself: a tap or Enter opens it at full size (on a phone, where the column shows it
        # small). The link carries the palette class too, so only the shown palette's link can be focused.
        images.append(f'<a class="sd-diagram__{suffix}" href="{src}">'
                      f'<img class="sd-diagram__{suffix}" src="{src}" width="{width}" height="{height}" '
                      f'style="--sd-width: {width}px" alt="{html.escape(_text_alternative(source))}" loading="lazy" '
                      f'decoding="async"></a>')
    return '<div class="sd-diagram">' + "".join(images) + "</div>"


# Opened on its own (the link above), an SVG shows on the browser's white canvas: give each drawing its page's
# background, so the dark one stays readable. Applied when the file is written, after the cache.
BACKGROUNDS = {"light": "#ffffff", "dark": "#1e2129"}


def _with_background(svg: str, suffix: str) -> str:
    return re.sub(r"^<svg ", f'<svg style="background-color: {BACKGROUNDS[suffix]}" ', svg, count=1)


# Preview without Chromium (`mkdocs serve` only): two scripts join the site's own (extra_javascript), the pinned
# library and this starter, which draws each diagram in the palette shown when the page opened.
PREVIEW_STARTER = "assets/javascripts/vendor/draw-diagrams.js"
_STARTER = """// Written by hooks/diagrams.py for `mkdocs serve` without Chromium only; a built site never has it.
(function () {{
  var palettes = {palettes}, settings = {settings};
  var palette = palettes[document.body.getAttribute("data-md-color-scheme") === "slate" ? 1 : 0];
  settings.theme = palette[1];
  settings.themeCSS = palette[2];
  mermaid.initialize(settings);
  mermaid.run({{ querySelector: ".sd-diagram--preview pre.mermaid" }});
}})();
"""


def _preview(source: str) -> str:
    return (f'<div class="sd-diagram sd-diagram--preview" role="img" aria-label="{html.escape(_text_alternative(source))}">'
            f'<pre class="mermaid">{html.escape(source)}</pre></div>')


def _add_preview_scripts(config: MkDocsConfig) -> None:
    """Called by on_config: without Chromium, the preview's two scripts join the site's own."""
    if _state["preview"]:
        from mkdocs.config.config_options import ExtraScriptValue

        for path in (PREVIEW_LIBRARY, PREVIEW_STARTER):
            script = ExtraScriptValue(path)
            script.defer = True
            config.extra_javascript.append(script)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if _state["preview"]:
        from mkdocs.structure.files import File

        files.append(File.generated(config, PREVIEW_LIBRARY, abs_src_path=str(LIBRARY)))
        files.append(File.generated(config, PREVIEW_STARTER, content=_STARTER.format(
            palettes=json.dumps(PALETTES), settings=json.dumps(SETTINGS))))
    return files


def on_startup(*, command: str, dirty: bool) -> None:
    """Find Chromium once per process: `mkdocs build` cannot go on without it, `mkdocs serve` can."""
    _state["command"] = command
    try:
        _state["chromium"] = site_kit.chromium_version()
        _state["preview"] = False
    except site_kit.ChromiumUnavailable as error:
        if command != "serve":
            raise PluginError(f"hooks/diagrams.py: `mkdocs {command}` draws every diagram in Chromium. {error}") from None
        _state["preview"] = True
        if not _state["told"]:
            _state["told"] = True
            log.info("Diagrams: no Chromium here, so the preview draws them in your browser with the pinned "
                     "vendor/mermaid (widths unchecked); `mkdocs build` needs Chromium: %s", error)


def fence_mermaid(source, language, css_class, options, md, **kwargs) -> str:
    """pymdownx.superfences' formatter for every spelling of a Mermaid fence (```mermaid, ```{.mermaid}…): the
    source HTML-escaped (mermaid2's own formatter writes it raw, so a fence could close the <pre> and add markup);
    attributes given to the fence are dropped."""
    return f'<pre class="mermaid"><code>{html.escape(source)}</code></pre>'


# mkdocs.yml names mermaid2's formatter for the mermaid fence; this hook puts fence_mermaid() in its place.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    mermaid = [fence for fence in fences if fence.get("name") == "mermaid"]
    if not mermaid:
        raise PluginError("hooks/diagrams.py: mkdocs.yml has no `mermaid` custom fence under pymdownx.superfences")
    for fence in mermaid:
        fence["format"] = fence_mermaid
    _add_preview_scripts(config)
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    _written.clear()
    _problems.clear()
    if _state["chromium"] is None and not _state["preview"]:
        on_startup(command="build", dirty=False)    # run by something other than the mkdocs command line


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if 'class="mermaid"' not in html_text:
        return html_text
    counter = iter(range(1, 1000))
    if _state["preview"]:
        return _BLOCK.sub(lambda match: _preview(html.unescape(match.group(1))), html_text)
    return _BLOCK.sub(lambda match: _image(page, config, next(counter), html.unescape(match.group(1)), match.group(0)),
                      html_text)


# Runs once every page's content is rendered: every diagram Mermaid refused or that is too wide, in one message.
def on_env(env, *, config: MkDocsConfig, files: Files):
    if _problems:
        raise PluginError(f"hooks/diagrams.py: {len(_problems)} diagram(s) must be fixed (CONTRIBUTING.md, "
                          "'Diagrams'):\n  " + "\n  ".join(_problems))
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    folder = Path(config.site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, svg in sorted(_written.items()):
        (folder / name).write_text(svg, encoding="utf-8")
    _close_browser()


def on_build_error(*, error: Exception) -> None:
    _abandon_browser()
