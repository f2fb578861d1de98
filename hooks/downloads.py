"""Take the course away from the screen: the whole course as one PDF, and an Anki deck of its questions.

Both are made from the pages this build has just rendered, in the navigation's order (nothing is listed by hand),
and written to downloads/ in the site:

- **The deck** (`.apkg`, genanki): every FAQ block (`??? question "…"`) with its answer, and every checklist
  question, answered by the FAQ answer when the page has a FAQ asking the same, else by a link to the section of
  the page that answers it. One subdeck per module and per problem. A note's GUID comes from the page's address
  and the question's words, so re-importing a newer deck updates the card of an unchanged question (and keeps its
  review history) instead of adding a second one. Links in answers point to the live site.
- **The PDF**: one print page assembled from the pages' final HTML (title page, contents with internal links,
  modules, problems, then the reference pages) and bookmarks, with FAQs and "Going deeper" blocks open, the
  diagrams' light drawings as vector images (each linked to its SVG on the site, to open it full size), checklists as plain lists, the timer's phase table as a table and the estimator with
  its default inputs; then printed by the same headless Chromium that draws the diagrams (Playwright's
  `page.pdf`), with every request answered from the built site and any other host refused (the build fails if
  the page asks for one). The only bytes that differ between two prints, the dates Chromium writes into the
  document information, are replaced by the sources' date, so the same source gives the same bytes. A printed PDF is cached by the print page's
  content and its assets (next to the diagram cache), so a rebuild of unchanged pages does not print again.

Both files carry the date of the last commit that changed the course's text ($SOURCE_DATE_EPOCH overrides it), so
the same source gives the same bytes and a newer deck counts as newer for Anki's "update if newer" import.
`mkdocs serve` skips the PDF (printing takes seconds); the deck is cheap and is made on every build. The home page's
`<!-- downloads -->` marker and every page's footer link both, with their sizes.
"""

from __future__ import annotations

import collections
import functools
import hashlib
import logging
import math
import time
import html as html_lib
import io
import json
import os
import re
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import lesson_schema
import site_kit

FOLDER = "downloads"
PDF_FILE = "system-design-explained.pdf"
DECK_FILE = "system-design-explained.apkg"
MARKER = "<!-- downloads -->"          # where the home page lists the downloads
PRINT_PATH = "__print__/"              # the print page's address while Chromium prints it (never written to the site)
FALLBACK_EPOCH = 1767225600            # 2026-01-01, when neither $SOURCE_DATE_EPOCH nor git can date the sources
SIZE_SLOT = re.compile(r'(<span class="sd-download__size" data-sd-size="([^"]+)">)[^<]*(</span>)')

# genanki ids are 31-bit-ish integers Anki stores; they must never change, or a re-import adds a second note type.
MODEL_ID = 1_607_392_318
MODEL_NAME = "System Design, Explained (question and answer)"
CARD_CSS = """.card { font-family: -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 18px;
  line-height: 1.5; text-align: left; max-width: 40em; margin: 0 auto; }
.sd-source { font-size: 0.8em; opacity: 0.7; } table { border-collapse: collapse; }
td, th { border: 1px solid #999; padding: 0.2em 0.5em; } img { max-width: 100%; height: auto; }"""

log = logging.getLogger("mkdocs.hooks.downloads")
_state = {"command": "build", "dirty": False}
_pages: dict[str, dict] = {}          # src_uri → what this build rendered of the page
_order: list[str] = []                # src_uris in the navigation's order


# ---- what the build tells us ---------------------------------------------------------------------------------------

def on_startup(*, command: str, dirty: bool) -> None:
    _state.update(command=command, dirty=dirty)


def on_pre_build(*, config: MkDocsConfig) -> None:
    if not _state["dirty"]:
        _pages.clear()


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    _order[:] = [page.file.src_uri for page in nav.pages]
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    links = "\n".join(
        f'<li><a href="{get_relative_url(FOLDER + "/" + item["file"], page.url)}" download>{item["label"]}'
        f'<span class="sd-download__size" data-sd-size="{item["file"]}"></span></a>: {item["what"]}</li>'
        for item in downloads())
    return markdown.replace(MARKER, f'<ul class="sd-downloads">\n{links}\n</ul>')


# The page's final article HTML: every content hook (sections.py last) has run by the time templates render.
def on_page_context(context, *, page: Page, config: MkDocsConfig, nav: Navigation):
    _pages[page.file.src_uri] = {
        "src_uri": page.file.src_uri, "url": page.url, "title": page.meta.get("title") or page.title,
        "kind": lesson_schema.lesson_kind(page.file.src_uri), "module": page.meta.get("module"),
        "checklist": list(page.meta.get("checklist") or []), "content": page.content or "",
        "is_homepage": page.is_homepage,
    }
    return context


# The footer is Material's (partials/copyright.html); the downloads are added inside its copyright block rather than
# by copying the template. If a Material upgrade moves that block, the build fails here instead of losing the links.
_FOOTER_ANCHOR = '<div class="md-copyright">'


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if output.count(_FOOTER_ANCHOR) != 1:
        raise PluginError(f"hooks/downloads.py: Material's footer changed: expected one {_FOOTER_ANCHOR!r} in "
                          f"{page.file.src_uri} to add the downloads to, found {output.count(_FOOTER_ANCHOR)}")
    links = " · ".join(
        f'<a href="{get_relative_url(FOLDER + "/" + item["file"], page.url)}" download>{item["short"]}'
        f'<span class="sd-download__size" data-sd-size="{item["file"]}"></span></a>' for item in downloads())
    return output.replace(_FOOTER_ANCHOR, f'{_FOOTER_ANCHOR}\n<div class="sd-footer-downloads">Take the course '
                                          f'with you: {links}</div>')


def downloads() -> list[dict]:
    return [
        {"file": PDF_FILE, "label": "The whole course as one PDF", "short": "The course as a PDF",
         "what": "title page, contents, every module and problem, the glossary and the numbers, for reading offline"},
        {"file": DECK_FILE, "label": "An Anki deck of every question", "short": "Anki deck",
         "what": "each FAQ and checklist question with its answer, one subdeck per module and problem"},
    ]


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    folder = site / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    pages = [_pages[src] for src in _order if src in _pages]
    epoch = source_epoch(Path(config.config_file_path).parent)
    lessons = [page for page in pages if page["kind"]]
    if len(pages) < len(_order):
        # A dirty build in a new process (`mkdocs build --dirty`) renders only the changed pages: a deck made from
        # them would lack the rest of the course, so the deck of the last full build stays.
        log.info("downloads: the Anki deck of the last full build is kept (this dirty build rendered "
                 f"{len(pages)} of {len(_order)} pages)")
    else:
        started = time.perf_counter()
        (folder / DECK_FILE).write_bytes(build_deck(lessons, config.site_name, config.site_url, epoch))
        log.info(f"downloads: the Anki deck in {time.perf_counter() - started:.1f} s")
    if _state["command"] != "serve" and not _state["dirty"]:
        started = time.perf_counter()
        book = [page for page in pages if not page["is_homepage"]]
        html = print_html(book, config, epoch)
        (folder / PDF_FILE).write_bytes(cached_pdf(html, site, config, epoch, outline(book)))
        log.info(f"downloads: the PDF in {time.perf_counter() - started:.1f} s")
    fill_sizes(site)


# ---- shared ------------------------------------------------------------------------------------------------------

def source_epoch(root: Path) -> int:
    """When the course's text last changed: $SOURCE_DATE_EPOCH, else the last commit touching it, else a fixed date."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "docs", "snippets", "glossary.yml"],
                             cwd=root, capture_output=True, text=True, timeout=20).stdout.strip()
        return int(out) if out.isdigit() else FALLBACK_EPOCH
    except (OSError, subprocess.SubprocessError):
        return FALLBACK_EPOCH


def human_size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} KB"


def fill_sizes(site: Path) -> None:
    """Write each download's size into the slots the home page and the footer leave for it."""
    sizes = {item["file"]: (site / FOLDER / item["file"]) for item in downloads()}
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if 'class="sd-download__size"' not in text:
            continue
        new = SIZE_SLOT.sub(lambda m: m.group(1) + (f" ({human_size(sizes[m.group(2)].stat().st_size)})"
                                                    if m.group(2) in sizes and sizes[m.group(2)].is_file() else "")
                            + m.group(3), text)
        if new != text:
            path.write_text(new, encoding="utf-8")


def _absolute(href: str, page_url: str, site_url: str) -> str:
    return urljoin(site_url + page_url, href)


# ---- the deck ----------------------------------------------------------------------------------------------------

_DETAILS = re.compile(r'<details class="question"( open)?>\s*<summary>(.*?)</summary>(.*?)</details>', re.DOTALL)
_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_STOP = set("""a an and are as at be been but by can do does did for from has have how if in into is it its of on or
so than that the their then there these they this those to up was were what when where which while who why will with
would you your should could about after before between each more most much not only over same some such under use
used uses using via many any other""".split())
# Sections that never answer a checklist question: the checklist itself and the FAQ (handled as FAQ answers).
_NOT_ANSWERS = {"checklist"}


def plain(html_text: str) -> str:
    return " ".join(html_lib.unescape(_TAG.sub(" ", html_text)).split())


def question_key(question: str) -> str:
    """A question as compared for identity: case, spacing and punctuation aside."""
    return " ".join(_WORD.findall(plain(question).lower()))


def note_guid(page_url: str, question: str) -> str:
    """A note's GUID: the page's address and the question's words. A changed answer keeps it (the card is updated on
    re-import); a reworded question gets a new one."""
    import genanki
    return genanki.guid_for(page_url, question_key(question))


def _card_html(fragment: str, page_url: str, site_url: str) -> str:
    """An answer as a card shows it: links made absolute, build-time widgets (copy buttons, tooltips) removed."""
    fragment = re.sub(r'<span class="md-code__nav">.*?</span>', "", fragment, flags=re.DOTALL)
    fragment = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", fragment, flags=re.DOTALL)
    fragment = re.sub(r'<button[^>]*class="sd-term"[^>]*>(.*?)</button>', r"\1", fragment, flags=re.DOTALL)
    fragment = re.sub(r'\s(?:tabindex|data-sd-[a-z-]+)="[^"]*"', "", fragment)
    # A card never loads anything from the web: a diagram or image becomes a link to it, named by its alt text.
    fragment = _DARK_IMAGE.sub("", fragment)
    fragment = re.sub(r'(<a class="sd-diagram__light"[^>]*>)?<img\b(?=[^>]*\ssrc="([^"]*)")(?=[^>]*\salt="([^"]*)")?'
                      r'[^>]*>(?(1)</a>)',
                      lambda m: f'<a href="{m.group(2)}">Diagram: {m.group(3) or "open it on the site"}</a>', fragment)
    fragment = re.sub(r'(\s(?:href|src)=")([^"#][^"]*|#[^"]*)(")',
                      lambda m: m.group(1) + html_lib.escape(_absolute(html_lib.unescape(m.group(2)), page_url,
                                                                       site_url), quote=True) + m.group(3),
                      fragment)
    return fragment.strip()


def faqs(content: str) -> list[tuple[str, str]]:
    """(question, answer HTML) of every FAQ block on a rendered page."""
    return [(plain(m.group(2)), m.group(3).strip()) for m in _DETAILS.finditer(content)]


def sections(content: str) -> list[tuple[str, str, str]]:
    """(anchor, heading text, section text) of every h2/h3 of a rendered page, FAQ blocks and checklist left out."""
    found = list(_HEADING.finditer(content))
    result = []
    for index, match in enumerate(found):
        if match.group(2) in _NOT_ANSWERS:
            continue
        end = found[index + 1].start() if index + 1 < len(found) else len(content)
        body = _DETAILS.sub("", content[match.end():end])
        result.append((match.group(2), plain(re.sub(r'<a class="headerlink".*?</a>', "", match.group(3))), plain(body)))
    return result


def _words(text: str) -> list[str]:
    return [w.rstrip("s") for w in _WORD.findall(text.lower())
            if w not in _STOP and (len(w) > 2 or any(c.isdigit() for c in w))]


@functools.lru_cache(maxsize=64)
def _section_index(content: str):
    """A page's sections as BM25 sees them: (anchor, heading), word counts (heading words thrice), and lengths."""
    candidates = sections(content)
    documents = [collections.Counter(_words(heading) * 3 + _words(text)) for _, heading, text in candidates]
    lengths = [sum(document.values()) for document in documents]
    return [(anchor, heading) for anchor, heading, _ in candidates], documents, lengths


def answering_section(question: str, content: str) -> tuple[str, str] | None:
    """The (anchor, heading) of the section that best answers a checklist question, ranked by BM25 over the page's
    sections (words rare on the page count most), with the heading's words counted three times."""
    candidates, documents, lengths = _section_index(content)
    if not candidates:
        return None
    average = sum(lengths) / len(lengths) or 1
    wanted = set(_words(question))
    holders = {w: sum(1 for d in documents if w in d) for w in wanted}
    idf = {w: math.log(1 + (len(documents) - n + 0.5) / (n + 0.5)) for w, n in holders.items()}
    scores = [sum(idf[w] * d[w] * 2.2 / (d[w] + 1.2 * (0.25 + 0.75 * length / average)) for w in wanted)
              for d, length in zip(documents, lengths)]
    best = max(range(len(candidates)), key=lambda i: (scores[i], -i))
    return candidates[best]


@dataclass
class Note:
    deck: str
    question: str
    answer: str
    source: str
    tags: list[str] = field(default_factory=list)
    guid: str = ""


def deck_name(site_name: str, page: dict) -> str:
    if page["kind"] == "module":
        return f"{site_name}::Module {page['module']:02d}: {page['title']}"
    return f"{site_name}::Problem: {page['title']}"


def notes_for(page: dict, site_name: str, site_url: str) -> list[Note]:
    """One note per distinct question of a lesson: its FAQs, then its checklist questions (answered by the FAQ that
    asks the same, else by a link to the section that answers it)."""
    deck = deck_name(site_name, page)
    link = site_url + page["url"]
    source = f'<p class="sd-source">From <a href="{html_lib.escape(link)}">{html_lib.escape(page["title"])}</a></p>'
    slug = page["url"].strip("/").replace("/", "-")
    notes: dict[str, Note] = {}
    answers = {}
    for question, answer in faqs(page["content"]):
        key = question_key(question)
        answers[key] = answer
        if key not in notes:
            notes[key] = Note(deck, html_lib.escape(question), _card_html(answer, page["url"], site_url), source,
                              [slug, "faq"])
    for question in page["checklist"]:
        key = question_key(question)
        if key in notes:
            notes[key].tags.append("checklist")
            continue
        where = answering_section(question, page["content"])
        anchor, heading = where if where else ("", page["title"])
        target = link + (f"#{anchor}" if anchor else "")
        answer = (f'<p>Answered in <a href="{html_lib.escape(target)}">{html_lib.escape(heading)}</a> '
                  f'({html_lib.escape(page["title"])}).</p>')
        notes[key] = Note(deck, html_lib.escape(question.strip()), answer, source, [slug, "checklist"])
    for key, note in notes.items():
        note.guid = note_guid(page["url"], key)
    return list(notes.values())


def _stable_id(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:12], 16) % (1 << 30) + (1 << 30)


def build_deck(lessons: list[dict], site_name: str, site_url: str, epoch: int) -> bytes:
    """The .apkg of every lesson's questions, byte for byte the same for the same pages and date."""
    import genanki

    model = genanki.Model(
        MODEL_ID, MODEL_NAME,
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Source"}],
        templates=[{"name": "Question and answer", "qfmt": "{{Question}}",
                    "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}{{Source}}'}],
        css=CARD_CSS,
    )
    decks = []
    for page in lessons:
        name = deck_name(site_name, page)
        deck = genanki.Deck(_stable_id(name), name)
        for note in notes_for(page, site_name, site_url):
            deck.add_note(genanki.Note(model=model, fields=[note.question, note.answer, note.source],
                                       guid=note.guid, tags=note.tags))
        decks.append(deck)
    raw = io.BytesIO()
    genanki.Package(decks).write_to_file(raw, timestamp=epoch)
    return normalise_zip(raw.getvalue(), epoch)


def normalise_zip(data: bytes, epoch: int) -> bytes:
    """The same archive with every entry dated `epoch` (genanki stamps them with the time of writing)."""
    import time

    stamp = time.gmtime(max(epoch, 315532800))[:6]          # a zip cannot hold a date before 1980
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist()):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


# ---- the PDF -------------------------------------------------------------------------------------------------------

_ID = re.compile(r'(\sid=")([^"]+)(")')
_HREF = re.compile(r'(\shref=")([^"]*)(")')
_SRC = re.compile(r'(\ssrc=")([^"]*)(")')
# A diagram's dark drawing: its image, and the link around it that opens it full size (hooks/diagrams.py).
_DARK_IMAGE = re.compile(r'<a class="sd-diagram__dark"[^>]*>.*?</a>|<img class="sd-diagram__dark"[^>]*>', re.DOTALL)
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
_SCRIPT = re.compile(r'<script src="([^"]*estimator[^"]*)"')


# The book's own layout, on top of the site's print styles (course.css, @media print): each part on a new page.
BOOK_CSS = """
.sd-book .md-typeset { font-size: 0.64rem; }
.sd-book__title { break-after: page; padding-top: 28vh; }
.sd-book__title h1 { font-size: 2.6em; color: var(--md-primary-fg-color); margin-bottom: 0.4em; }
.sd-book__subtitle { font-size: 1.3em; }
.sd-book__licence { margin-top: 30vh; color: var(--md-default-fg-color--light); }
.sd-book__contents { break-after: page; }
.sd-book__contents > ol > li { break-inside: avoid; margin-bottom: 0.6em; }
.sd-book__contents > ol > li > a { font-weight: 700; }
.md-typeset .sd-book__sections { margin: 0.2em 0 0; font-size: 0.85em; line-height: 1.5; }
.sd-book__chapter { break-before: page; }
.sd-book .sd-diagram img { max-height: 22cm; width: auto; max-width: 100%; }
"""


def chapter_id(url: str) -> str:
    return "p-" + (url.strip("/").replace("/", "-") or "home")


def _book_link(href: str, page_url: str, site_url: str, chapters: dict[str, str]) -> str:
    """Where a link in a printed page goes: into the PDF when it targets a page in it, else to the live site."""
    if href.startswith("#"):
        return f"#{chapters[page_url]}--{href[1:]}" if href[1:] else f"#{chapters[page_url]}"
    absolute = _absolute(html_lib.unescape(href), page_url, site_url)
    parts = urlsplit(absolute)
    if absolute.startswith(site_url):
        path = parts.path[len(urlsplit(site_url).path):]
        if path in chapters:
            return f"#{chapters[path]}--{parts.fragment}" if parts.fragment else f"#{chapters[path]}"
    return html_lib.escape(absolute, quote=True)


def book_chapter(page: dict, site_url: str, chapters: dict[str, str]) -> str:
    """One page's article as the PDF prints it."""
    prefix = chapters[page["url"]]
    content = page["content"]
    content = _DARK_IMAGE.sub("", content)
    # Each drawing links to its SVG on the site, so a reader can open it full size (the pages' own link, if any).
    if '<a class="sd-diagram__light"' not in content:
        content = re.sub(r'(<img class="sd-diagram__light" src="([^"]+)"[^>]*>)',
                         lambda m: f'<a class="sd-book__drawing" href="{m.group(2)}">{m.group(1)}</a>', content)
    content = content.replace(' loading="lazy"', "")
    content = re.sub(r"<details(?=[\s>])(?![^>]*\sopen)", "<details open", content)
    content = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", content, flags=re.DOTALL)
    content = _ID.sub(lambda m: f"{m.group(1)}{prefix}--{m.group(2)}{m.group(3)}", content)
    content = _HREF.sub(lambda m: m.group(1) + _book_link(m.group(2), page["url"], site_url, chapters) + m.group(3),
                        content)
    content = _SRC.sub(lambda m: m.group(1) + html_lib.escape(_absolute(html_lib.unescape(m.group(2)), page["url"],
                                                                        site_url), quote=True) + m.group(3), content)
    return f'<article class="sd-book__chapter" id="{prefix}">\n{content}\n</article>'


def _part(page: dict) -> str:
    return {"module": "Modules", "problem": "Interview problems"}.get(page["kind"], "Reference")


def _counts(pages: list[dict]) -> str:
    kinds = [page["kind"] for page in pages]
    parts = [(kinds.count("module"), "module"), (kinds.count("problem"), "interview problem"),
             (kinds.count(None), "reference page")]
    return ", ".join(f"{n} {name}{'s' if n != 1 else ''}" for n, name in parts if n)


def print_html(pages: list[dict], config: MkDocsConfig, epoch: int) -> str:
    """The whole course as one HTML page for printing, with links and sources resolved against the site's URL."""
    import datetime

    site_url = config.site_url
    chapters = {page["url"]: chapter_id(page["url"]) for page in pages}
    home = Path(config.site_dir) / "index.html"
    head = home.read_text(encoding="utf-8") if home.is_file() else ""
    styles = "".join(f'<link rel="stylesheet" href="{html_lib.escape(urljoin(site_url, href))}">'
                     for href in _STYLESHEET.findall(head))
    scripts = "".join(f'<script src="{html_lib.escape(urljoin(site_url, src))}"></script>'
                      for src in _SCRIPT.findall(head))
    date = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%-d %B %Y")
    # The contents: every page, and under it its sections (each a link, which also gives the PDF a destination for
    # the section's bookmark: Chromium only makes destinations for ids that something links to).
    contents = []
    for part, entries in outline(pages):
        contents.append(f"<h2>{part}</h2><ol>")
        for title, name, sections in entries:
            links = " · ".join(f'<a href="#{target}">{html_lib.escape(heading)}</a>' for heading, target in sections)
            contents.append(f'<li><a href="#{name}">{html_lib.escape(title)}</a>'
                            + (f'<p class="sd-book__sections">{links}</p>' if links else "") + "</li>")
        contents.append("</ol>")
    body = "\n".join(book_chapter(page, site_url, chapters) for page in pages)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html_lib.escape(config.site_name)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">{styles}<style>{BOOK_CSS}</style></head>
<body class="sd-book" dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo">
<div class="md-typeset">
<section class="sd-book__title">
<h1>{html_lib.escape(config.site_name)}</h1>
<p class="sd-book__subtitle">{html_lib.escape(config.site_description or "")}</p>
<p>The whole course as one document, as published on {date}: {_counts(pages)}.<br>
Online, with search, tooltips, the estimator and the practice timer: <a href="{html_lib.escape(site_url)}">{html_lib.escape(site_url)}</a></p>
<p class="sd-book__licence">{config.copyright or ""}</p>
</section>
<nav class="sd-book__contents" aria-label="Contents"><h1>Contents</h1>{"".join(contents)}</nav>
{body}
</div>{scripts}</body></html>"""


def print_pdf(html: str, site: Path, site_url: str, browser=None) -> tuple[bytes, list[str]]:
    """Print the page with headless Chromium (a new one, or `browser`); every request is answered from the built
    site. Returns the PDF and the requests it refused (any other host)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = site_kit.launch(playwright)
            try:
                return print_pdf(html, site, site_url, browser)
            finally:
                browser.close()
    refused: list[str] = []
    context = browser.new_context(color_scheme="light")
    try:
        def answer(route):
            url = route.request.url
            if url == site_url + PRINT_PATH:
                route.fulfill(status=200, body=html.encode("utf-8"), content_type="text/html; charset=utf-8")
            elif url.startswith(site_url):
                status, body, kind = site_kit.serve_from(site, url)
                route.fulfill(status=status, body=body, content_type=kind)
            elif url.startswith("data:"):
                route.continue_()
            else:
                refused.append(url)
                route.abort()

        context.route("**/*", answer)
        page = context.new_page()
        page.goto(site_url + PRINT_PATH, wait_until="load")
        page.wait_for_function("Array.from(document.images).every(image => image.complete)")
        footer = ('<div style="width:100%;font-size:8px;color:#666;padding:0 12mm;display:flex;'
                  'justify-content:space-between;font-family:Arial,sans-serif"><span class="title"></span>'
                  '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')
        pdf = page.pdf(format="A4", print_background=True, display_header_footer=True,
                       header_template="<span></span>", footer_template=footer,
                       margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"})
    finally:
        context.close()
    return pdf, refused


def outline(pages: list[dict]) -> list[tuple[str, str, list[tuple[str, str, list]]]]:
    """The PDF's bookmarks: (part, [(page title, destination, [(section heading, destination)])])."""
    parts: list[tuple[str, list]] = []
    for page in pages:
        if not parts or parts[-1][0] != _part(page):
            parts.append((_part(page), []))
        prefix = chapter_id(page["url"])
        sections = [(plain(re.sub(r'<a class="headerlink".*?</a>', "", m.group(3))), f"{prefix}--{m.group(2)}")
                    for m in _HEADING.finditer(page["content"]) if m.group(1) == "2"]
        parts[-1][1].append((page["title"], prefix, sections))
    return parts


def _pdf_text(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _pdf_name(name: str) -> bytes:
    return b"/" + b"".join(bytes([c]) if 0x21 <= c <= 0x7E and c not in b"#/()<>[]{}%" else b"#%02X" % c
                           for c in name.encode("utf-8"))


def add_outline(pdf: bytes, parts) -> bytes:
    """The PDF with bookmarks for every part, page and section, appended as an incremental update (the printed bytes
    stay as they are). Each bookmark goes to the named destination Chromium made for the element's id."""
    trailer = re.search(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$", pdf, re.DOTALL)
    root = re.search(rb"/Root (\d+) 0 R", trailer.group(1)) if trailer else None
    size = re.search(rb"/Size (\d+)", trailer.group(1)) if trailer else None
    catalog = root and re.search(rb"\n%d 0 obj\s*<<(.*)>>\s*endobj" % int(root.group(1)),
                                 pdf[:pdf.index(b"endobj", pdf.index(b"\n%s 0 obj" % root.group(1))) + 6], re.DOTALL)
    dests = catalog and re.search(rb"/Dests (\d+) 0 R", catalog.group(1))
    if not (trailer and root and size and catalog and dests):
        raise PluginError("hooks/downloads.py: Chromium's PDF is not laid out as expected (a classic trailer, a "
                          "catalog with /Dests); the bookmarks cannot be added")
    start = pdf.index(b"\n%s 0 obj" % dests.group(1))
    known = set(re.findall(rb"(/[^\s/\[\]<>()]+)\s*\[", pdf[start:pdf.index(b"endobj", start)]))

    # Each node: [title, destination name, children]; only destinations the PDF has.
    tree = [[part, chapters[0][1], [[title, name, [[heading, target, []] for heading, target in sections
                                                    if _pdf_name(target) in known]]
                                    for title, name, sections in chapters if _pdf_name(name) in known]]
            for part, chapters in parts if chapters and _pdf_name(chapters[0][1]) in known]
    number = iter(range(int(size.group(1)), 1 << 30))
    objects: dict[int, bytes] = {}

    def place(nodes, parent: int) -> tuple[int, int, int]:
        ids = [next(number) for _ in nodes]
        total = 0
        for index, (title, name, children) in enumerate(nodes):
            entry = [b"/Title " + _pdf_text(title), b"/Parent %d 0 R" % parent, b"/Dest " + _pdf_name(name)]
            if index:
                entry.append(b"/Prev %d 0 R" % ids[index - 1])
            if index + 1 < len(ids):
                entry.append(b"/Next %d 0 R" % ids[index + 1])
            if children:
                first, last, count = place(children, ids[index])
                entry += [b"/First %d 0 R" % first, b"/Last %d 0 R" % last, b"/Count -%d" % count]
                total += count
            objects[ids[index]] = b"<<" + b"\n".join(entry) + b">>"
        return ids[0], ids[-1], total + len(nodes)

    outlines = next(number)
    first, last, count = place(tree, outlines)
    objects[outlines] = b"<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>" % (first, last, count)
    body = re.sub(rb"/(Outlines|PageMode) [^/>]*", b"", catalog.group(1)).rstrip()
    objects[int(root.group(1))] = b"<<" + body + b"\n/Outlines %d 0 R\n/PageMode /UseOutlines>>" % outlines

    update = bytearray(b"\n")
    offsets = {}
    for key in sorted(objects):
        offsets[key] = len(pdf) + len(update)
        update += b"%d 0 obj\n%s\nendobj\n" % (key, objects[key])
    xref = len(pdf) + len(update)
    update += b"xref\n"
    keys = sorted(offsets)
    runs: list[list[int]] = []
    for key in keys:
        if runs and runs[-1][-1] + 1 == key:
            runs[-1].append(key)
        else:
            runs.append([key])
    for run in runs:
        update += b"%d %d\n" % (run[0], len(run)) + b"".join(b"%010d 00000 n \n" % offsets[k] for k in run)
    info = re.search(rb"/Info \d+ 0 R", trailer.group(1))
    update += (b"trailer\n<</Size %d\n/Root %s 0 R\n%s\n/Prev %s>>\nstartxref\n%d\n%%%%EOF\n"
               % (max(keys) + 1, root.group(1), info.group(0) if info else b"", trailer.group(2), xref))
    return pdf + bytes(update)


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}([^)]*)\)")


def fix_dates(pdf: bytes, epoch: int) -> bytes:
    """The PDF with the sources' date instead of the time of printing: Chromium writes the time into the document
    information (/CreationDate, /ModDate), and nothing else differs between two prints of the same page. The dates
    keep their length, so every byte offset in the file stays right."""
    import datetime

    date = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y%m%d%H%M%S").encode()
    fixed, found = _PDF_DATE.subn(lambda m: b"/" + m.group(1) + b" (D:" + date + b"+00'00')"
                                  if len(m.group(2)) == len(b"+00'00'") else m.group(0), pdf)
    if found != 2:
        raise PluginError(f"hooks/downloads.py: Chromium's PDF no longer carries its dates as expected "
                          f"({found} /CreationDate or /ModDate found); the PDF would not be reproducible")
    return fixed


def _cache() -> Path:
    if os.environ.get("SD_PRINT_CACHE"):
        return Path(os.environ["SD_PRINT_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "system-design-course" / "print"


def print_key(html: str, site: Path, site_url: str, epoch: int) -> str:
    """What the PDF depends on: the print page, every file it loads from the site, and the date it carries."""
    import playwright

    digest = hashlib.sha256(json.dumps([html, epoch, getattr(playwright, "__version__", ""),
                                        site_kit.chromium_executable()]).encode())
    for url in sorted(set(re.findall(r'(?:href|src)="(' + re.escape(site_url) + r'[^"#]*)', html))):
        status, body, _ = site_kit.serve_from(site, html_lib.unescape(url))
        digest.update(url.encode() + str(status).encode() + hashlib.sha256(body).digest())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:24]


def make_pdf(html: str, site: Path, config: MkDocsConfig, epoch: int, parts) -> bytes:
    raw, refused = print_pdf(html, site, config.site_url)
    if refused:
        raise PluginError(f"hooks/downloads.py: printing the PDF asked another host for {', '.join(refused[:5])}; "
                          "the course must print from the built site alone")
    return add_outline(fix_dates(raw, epoch), parts)


def cached_pdf(html: str, site: Path, config: MkDocsConfig, epoch: int, parts) -> bytes:
    cached = _cache() / f"{print_key(html, site, config.site_url, epoch)}.pdf"
    if cached.is_file():
        log.info("downloads: the PDF's pages are unchanged since it was last printed; reusing it")
        return cached.read_bytes()
    pdf = make_pdf(html, site, config, epoch, parts)
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")
    partial.write_bytes(pdf)
    os.replace(partial, cached)
    return pdf
