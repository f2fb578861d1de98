"""Draw every Mermaid diagram at build time, so readers never download or run Mermaid.

Each ```mermaid fence (mkdocs-mermaid2-plugin writes it as <pre class="mermaid"><code>, source unescaped) becomes
two images, one for each palette, drawn by the pinned Mermaid in vendor/mermaid/ inside a headless Chromium
(Playwright; the same browser the tests use). The SVG files are written to assets/diagrams/ under names derived from their
content, and the page gets

    <div class="sd-diagram"><img class="sd-diagram__light" …><img class="sd-diagram__dark" …></div>

with the diagram's accTitle and accDescr as the images' text alternative and their real width and height, so
nothing moves when they load. CSS shows the one that matches the palette; `loading="lazy"` means the browser
fetches only that one, and only when it comes near the screen.

Drawn diagrams are cached by content (Mermaid's checksum, palette, settings and source) in
$SD_DIAGRAM_CACHE, else $XDG_CACHE_HOME/system-design-course/diagrams, else ~/.cache/…, so a rebuild only starts
the browser for diagrams that changed. A diagram Mermaid cannot draw fails the build, naming the file, the
diagram's number on the page and Mermaid's message.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import site_kit

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "vendor" / "mermaid" / "mermaid.min.js"
FOLDER = "assets/diagrams"

# Arial's metrics are shared by Helvetica and Liberation Sans, so labels fit their boxes on every system.
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
# (file suffix, Mermaid theme, extra CSS): the dark theme's grey boxes behind edge labels are lightened for contrast.
PALETTES = (
    ("light", "default", ""),
    ("dark", "dark", ".edgeLabel rect, .labelBkg { fill: #1e2129 !important; opacity: 1 !important; }"
                     ".edgeLabel text, .edgeLabel tspan { fill: #e2e4e9 !important; }"),
)
SETTINGS = {"startOnLoad": False, "securityLevel": "strict", "fontFamily": FONT, "htmlLabels": False,
            "flowchart": {"htmlLabels": False}}

_BLOCK = re.compile(r'<pre\s+class="mermaid"><code>(.*?)</code></pre>', re.DOTALL)
_VIEWBOX = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')

_written: dict[str, str] = {}       # file name → SVG, written into the site after the build
_browser = None                     # (playwright, browser, page), started when a diagram is not in the cache


def _cache() -> Path:
    if os.environ.get("SD_DIAGRAM_CACHE"):
        return Path(os.environ["SD_DIAGRAM_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "system-design-course" / "diagrams"


def _page():
    global _browser
    if _browser is None:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = site_kit.launch(playwright)
        page = browser.new_page()
        page.set_content(f'<!doctype html><title>diagrams</title><body style="font-family: {FONT}"></body>')
        page.add_script_tag(content=LIBRARY.read_text(encoding="utf-8"))
        _browser = (playwright, browser, page)
    return _browser[2]


def _close_browser() -> None:
    global _browser
    if _browser is not None:
        playwright, browser, _ = _browser
        browser.close()
        playwright.stop()
        _browser = None


@functools.cache
def _library_checksum() -> str:
    return hashlib.sha256(LIBRARY.read_bytes()).hexdigest()


def _draw(source: str, theme: str, css: str, name: str) -> str:
    settings = dict(SETTINGS, theme=theme, themeCSS=css)
    result = _page().evaluate(
        """async ([id, source, settings]) => {
             mermaid.initialize(settings);
             try { return { svg: (await mermaid.render(id, source)).svg }; }
             catch (error) { return { error: String(error.message || error) }; }
           }""",
        [name, source, settings],
    )
    if "error" in result:
        raise ValueError(result["error"].strip().splitlines()[0])
    svg = result["svg"]
    # As an image an SVG needs its own size: take it from the viewBox instead of Mermaid's width="100%".
    match = _VIEWBOX.search(svg)
    if not match:
        raise ValueError("Mermaid returned an SVG without a viewBox")
    width, height = (round(float(value)) for value in match.groups())
    svg = re.sub(r'^<svg([^>]*?) width="100%"', rf'<svg\1 width="{width}" height="{height}"', svg, count=1)
    svg = re.sub(r'^(<svg[^>]*?) style="max-width: [\d.]+px;"', r"\1", svg, count=1)
    return svg


def _text_alternative(source: str) -> str:
    found = {key: "" for key in ("accTitle", "accDescr")}
    for line in source.splitlines():
        key, _, value = line.strip().partition(":")
        if key in found and not found[key]:
            found[key] = value.strip()
    return ". ".join(part.rstrip(".") for part in found.values() if part) + "."


def _image(page: Page, number: int, source: str) -> str:
    images = []
    for suffix, theme, css in PALETTES:
        key = hashlib.sha256(json.dumps([_library_checksum(), theme, css, SETTINGS, source]).encode()).hexdigest()[:20]
        name = f"{key}-{suffix}.svg"
        cached = _cache() / name
        if cached.is_file():
            svg = cached.read_text(encoding="utf-8")
        else:
            try:
                svg = _draw(source, theme, css, f"sd-{key}")
            except ValueError as error:
                raise PluginError(f"hooks/diagrams.py: {page.file.src_uri}: diagram {number} cannot be drawn by "
                                  f"Mermaid: {error}") from None
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_name(f"{name}.{os.getpid()}.part")   # builds may run side by side
            partial.write_text(svg, encoding="utf-8")
            os.replace(partial, cached)
        _written[name] = svg
        width, height = re.search(r'^<svg[^>]*? width="(\d+)" height="(\d+)"', svg).groups()
        src = get_relative_url(f"{FOLDER}/{name}", page.url)
        images.append(f'<img class="sd-diagram__{suffix}" src="{src}" width="{width}" height="{height}" '
                      f'alt="{html.escape(_text_alternative(source))}" loading="lazy" decoding="async">')
    return '<div class="sd-diagram">' + "".join(images) + "</div>"


def on_pre_build(*, config: MkDocsConfig) -> None:
    _written.clear()


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if 'class="mermaid"' not in html_text:
        return html_text
    counter = iter(range(1, 1000))
    return _BLOCK.sub(lambda match: _image(page, next(counter), match.group(1)), html_text)


def on_post_build(*, config: MkDocsConfig) -> None:
    folder = Path(config.site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, svg in sorted(_written.items()):
        (folder / name).write_text(svg, encoding="utf-8")
    _close_browser()


def on_build_error(*, error: Exception) -> None:
    _close_browser()
