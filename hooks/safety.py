"""Stage 5 of the build: a contributed page can never run script on the site, hang the build, or fail unclearly.

Lessons arrive as pull requests from strangers, and the published site shares its origin with the learners' stored
progress. So the build checks what is *published*, not what was written:

- Markdown: attr_list may set only `id` and `class` (`{: onclick=… }` fails the build), and rendering one page's
  Markdown may take at most RENDER_SECONDS (Python-Markdown is quadratic on some hostile lines).
- Templates: front matter (title, description) is HTML-escaped wherever a template prints it (Material's
  partials included), through Jinja's `finalize`.
- Every page gets a Content-Security-Policy meta tag, first in <head>: scripts only from the site itself and the
  inline scripts of the site's own templates (by their sha256), nothing from any other host, no plugins, no <base>.
- After the build, every published .html and .svg is parsed (a real HTML parser, linear time; SVG as XML) and the
  build fails, naming the source file, on any `on*` attribute, any javascript:/vbscript:/data: URL, any
  <iframe>/<object>/<embed>/<base>/<style> in HTML, and any <script> that is not one of the site's own
  (lesson_schema.check_published_markup holds the rules; own_scripts() lists the site's own scripts).

Its on_post_page runs after every other hook's (event priority), so it sees the finished page; mkdocs.yml lists
it before downloads.py, so the check runs after diagrams.py has written the SVG files and before the PDF is printed.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import signal
import threading
import time
import logging
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import markupsafe
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListExtension, AttrListTreeprocessor, get_attrs_and_remainder
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import lesson_schema

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.hooks.safety")
RENDER_SECONDS = 10          # one page's Markdown; the longest lesson renders in well under a second
CHECK_SECONDS = 5            # parsing one published file (the longest lesson takes about 0.2 s)
ATTR_LIST_KEYS = ("id", "class")

_state: dict = {"attr_problems": [], "published": {}, "config": None}


# ------------------------------------------------------------------------------------------------ the site's scripts
def own_scripts(config: MkDocsConfig) -> lesson_schema.OwnScripts:
    """The only scripts a published page may contain, in one place:
    - files: the extra_javascript of mkdocs.yml (site.js and the learner features);
    - inline: every <script> written in the theme's templates (Material's and overrides/), such as Material's
      storage helpers and the palette script of overrides/main.html; a Jinja expression inside one stands for a
      short path (Material's scope URL);
    - data: Material's configuration (application/json, id __config), the FAQ's JSON-LD (hooks/structured_data.py)
      and speculation rules, each only if it is valid JSON."""
    files = {str(script.path if hasattr(script, "path") else script) for script in config.extra_javascript}
    templates = []
    for folder in config.theme.dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            text = path.read_text(encoding="utf-8", errors="replace")
            if "<script" in text:
                templates.extend(lesson_schema.template_scripts(text))
    root = urlsplit(config.site_url or "/").path or "/"
    return lesson_schema.OwnScripts(frozenset(files), tuple(templates), root.rstrip("/") + "/")


# ------------------------------------------------------------------------------------------------ Markdown
class _SafeAttrListProcessor(AttrListTreeprocessor):
    """attr_list, limited to `id` and `class`: any other attribute is not set, and is reported."""

    def assign_attrs(self, elem, attrs_string, *, strict=False):
        attrs, remainder = get_attrs_and_remainder(attrs_string)
        if strict and remainder:
            return remainder
        for key, value in attrs:
            if key == "." or key == "class":
                elem.set("class", f"{elem.get('class')} {value}" if elem.get("class") else value)
            elif key == "id" and value:
                elem.set("id", value)
            else:
                _state["attr_problems"].append(
                    f"an attribute list ({{: … }}) sets {key!r} on <{elem.tag}>; only #id and .class may be set "
                    "(anything else could run script)")
        return remainder


class _RenderClockStart(Preprocessor):
    def run(self, lines):
        _start_clock(RENDER_SECONDS, "its Markdown takes more than {seconds} s to render (a pathological line, "
                     "such as thousands of '[' or '<a ' without their closing characters?)")
        return lines


class _RenderClockStop(Postprocessor):
    def run(self, text):
        _stop_clock()
        return text


class SafeMarkdown(Extension):
    """attr_list limited to id and class, and a time budget for rendering one page."""

    def extendMarkdown(self, md):
        AttrListExtension().extendMarkdown(md)
        md.treeprocessors.register(_SafeAttrListProcessor(md), "attr_list", 8)
        md.preprocessors.register(_RenderClockStart(md), "sd_clock_start", 1000)
        md.postprocessors.register(_RenderClockStop(md), "sd_clock_stop", -1000)


class _TooSlow(Exception):
    pass


def _alarm(signum, frame):
    if _state.get("clock_message"):
        raise PluginError(f"hooks/safety.py: docs/{_state.get('page')}: {_state['clock_message']}")
    raise _TooSlow()


def _start_clock(seconds: int, message: str) -> None:
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGALRM"):
        _state["clock_message"] = message.format(seconds=seconds)
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)


def _stop_clock() -> None:
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGALRM"):
        signal.setitimer(signal.ITIMER_REAL, 0)


@contextmanager
def _clock(seconds: int):
    _start_clock(seconds, "")
    _state["clock_message"] = ""
    try:
        yield
    finally:
        _stop_clock()


# ------------------------------------------------------------------------------------------------ front matter
class FrontMatterText(str):
    """A front matter value: plain text that templates must escape (Jinja's finalize below does)."""


def _finalize(value):
    if isinstance(value, FrontMatterText):
        return markupsafe.escape(str.__str__(value))
    return value


# ------------------------------------------------------------------------------------------------ hooks
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    extensions = config.markdown_extensions
    if "attr_list" in extensions:
        extensions[extensions.index("attr_list")] = SafeMarkdown()
    else:
        extensions.append(SafeMarkdown())
    _state["config"] = config
    return config


def on_env(env, *, config: MkDocsConfig, files: Files):
    env.finalize = _finalize
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    _state["attr_problems"] = []
    _state["page"] = page.file.src_uri
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = FrontMatterText(page.meta[key])
    return markdown


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    _stop_clock()
    _state["clock_message"] = ""
    if _state["attr_problems"]:      # reported with everything else after the build
        _state["attr_report"][page.file.src_uri] = list(dict.fromkeys(_state["attr_problems"]))
    return html_text


_SNIPPET = re.compile(r'^[ \t]*-+8<-+[ \t]+"([^"\n]+)"', re.MULTILINE)


def _source(page: Page) -> str:
    """How a message names a page: its file, and the snippets it includes (their text is part of the page)."""
    snippets = [f"snippets/{name}" for name in dict.fromkeys(_SNIPPET.findall(page.markdown or ""))]
    return f"docs/{page.file.src_uri}" + (f" (with {', '.join(snippets)})" if snippets else "")


# The policy: the site's own scripts only (inline ones by hash), nothing from another host.
CSP = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-src 'none'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'")
_CHARSET = re.compile(r'<meta charset="[^"]*">')


def content_security_policy(scripts: list[tuple[dict, str]], own: lesson_schema.OwnScripts) -> str:
    """The CSP for one finished page: the sha256 of each of its inline scripts that is one of the site's own and
    that a browser runs (code and speculation rules); a contributor's inline script gets no hash, so never runs."""
    hashes = []
    for attrs, text in scripts:
        if lesson_schema.script_role(attrs) != "data" and lesson_schema.is_own_inline_script(text, attrs, own):
            digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
            hashes.append(f"'sha256-{digest}'")
    return CSP.format(hashes=" ".join(dict.fromkeys(hashes)))


def _finish(page_html: str, dest_uri: str, source: str) -> str:
    """The page with its CSP first in <head>; checked now (the post-build pass re-reads it only if it changed)."""
    if _state.get("own") is None:
        _state["own"] = own_scripts(_state["config"])
    found = lesson_schema.inspect_published_html(page_html, _state["own"], dest_uri)
    charset = _CHARSET.search(page_html)
    if not charset:
        raise PluginError(f"hooks/safety.py: {source}: no <meta charset> to put the Content-Security-Policy after "
                          "(Material's <head> changed)")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(found.scripts, _state["own"])}">'
    output = page_html[:charset.end()] + tag + page_html[charset.end():]
    _state["checked"][dest_uri] = (hashlib.sha256(output.encode("utf-8")).hexdigest(), source, found)
    return output


_TOO_SLOW = (f"could not be checked within {CHECK_SECONDS} s (malformed markup, such as thousands of unclosed "
             "'<!--'?)")


# From here to the end of on_post_page, the page's HTML is parsed (here and by structured_data.py); Python's
# html.parser is quadratic on some malformed markup, so this part of a page's build is bounded too.
def on_page_context(context, *, page: Page, config: MkDocsConfig, nav):
    _state["page"] = page.file.src_uri
    _start_clock(CHECK_SECONDS * 2, "its page takes more than {seconds} s to finish and check (malformed markup, "
                 "such as thousands of unclosed '<a ' or '<!--'?)")
    return context


@event_priority(-100)      # after every other hook's on_post_page: the page as it will be written
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    try:
        return _finish(output, page.file.dest_uri, _source(page))
    finally:
        _stop_clock()
        _state["clock_message"] = ""


@event_priority(-100)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        with _clock(CHECK_SECONDS):
            return _finish(output_content, template_name, "the theme (Material's templates or overrides/)")
    return output_content


def on_pre_build(*, config: MkDocsConfig) -> None:
    _state["checked"] = {}
    _state["attr_report"] = {}
    _state["own"] = None


# Every published .html and .svg: pages already checked in on_post_page are parsed again only if they changed.
def on_post_build(*, config: MkDocsConfig) -> None:
    started = time.perf_counter()
    site = Path(config.site_dir)
    own = _state.get("own") or own_scripts(config)
    sources = {}
    for file in _state.get("files") or []:
        if file.abs_src_path:
            sources[file.dest_uri] = f"docs/{file.src_uri}"
    report = [f"docs/{src_uri}: {problem}" for src_uri, problems in sorted(_state["attr_report"].items())
              for problem in problems]
    diagram_sources: dict[str, str] = {}
    parsed = 0
    pages = sorted(site.rglob("*.html"))
    for path in pages + sorted(site.rglob("*.svg")):
        relative = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        checked = _state["checked"].get(relative)
        if checked and checked[0] == hashlib.sha256(text.encode("utf-8")).hexdigest():
            where, found = checked[1], checked[2]
            problems = found.problems
        else:
            where = sources.get(relative) or diagram_sources.get(relative) or _generated(relative)
            parsed += 1
            try:
                with _clock(CHECK_SECONDS):
                    if path.suffix == ".svg":
                        problems, found = lesson_schema.check_published_svg(text), None
                    else:
                        found = lesson_schema.inspect_published_html(text, own, relative)
                        problems = found.problems
            except _TooSlow:
                problems, found = [_TOO_SLOW], None
        for image in (found.images if found else []):
            diagram_sources.setdefault(image, f"a diagram in {where}")
        report.extend(f"{where} (published as {relative}): {problem}" for problem in problems)
    log.info(f"hooks/safety.py: {len(pages)} pages and their images checked ({parsed} files parsed after the build) "
             f"in {time.perf_counter() - started:.1f} s")
    if report:
        raise PluginError("hooks/safety.py: the published site would run or embed something it must not:\n  "
                          + "\n  ".join(report))


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _state["files"] = files
    return files


def _generated(relative: str) -> str:
    if relative.startswith("assets/diagrams/"):
        return "a diagram (hooks/diagrams.py)"
    return "the theme (Material's templates or overrides/)"
