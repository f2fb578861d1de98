"""Promise: the course can be taken away from the screen. One PDF holds every page in order (title page, contents
linking to every page and section, bookmarks, every diagram as a vector drawing, FAQs open) and an Anki deck holds
every question with its answer; both are linked from the home page and every footer with their real size, come out
byte for byte the same from the same source, and are made without a request to another host. Any single page
prints from the browser as its text column, in the light palette, with every block open."""

from __future__ import annotations

import html
import io
import re
import sqlite3
import zipfile
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader

import downloads
from conftest import DOCS, LESSON_SOURCES, SITE_URL, SOURCES, lesson_schema, page_url_path, text_of

ARTICLE = '<article class="md-content__inner md-typeset">'
# Every page but the home page (the PDF's title page and contents stand in for it), in the navigation's order.
BOOK_SOURCES = [src for src in SOURCES if src != "index.md"]
SITE_NAME = re.search(r"^site_name:\s*(.+)$", (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8"),
                      re.MULTILINE).group(1).strip()


def words(text: str) -> str:
    """Text without any spacing, for comparing what a PDF extracts (its line breaks) with what a page says."""
    return "".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def built_page(site: Path, src: str) -> dict:
    """A page as the hooks see it, read back from the built site: its front matter and its article's HTML."""
    meta, _ = lesson_schema.read_page(DOCS / src)
    built = (site / page_url_path(src) / "index.html").read_text(encoding="utf-8")
    start = built.index(ARTICLE) + len(ARTICLE)
    return {"src_uri": src, "url": page_url_path(src), "title": meta["title"], "kind": lesson_schema.lesson_kind(src),
            "module": meta.get("module"), "checklist": list(meta.get("checklist") or []),
            "content": built[start:built.index("</article>", start)], "is_homepage": src == "index.md"}


def diagram_count(page: dict) -> int:
    return page["content"].count('<img class="sd-diagram__light"')


@pytest.fixture(scope="module")
def pdf(site) -> PdfReader:
    return PdfReader(site / downloads.FOLDER / downloads.PDF_FILE)


@pytest.fixture(scope="module")
def starts(pdf) -> dict[str, int]:
    """The page index each named destination of the PDF points to (read from the catalog's /Dests)."""
    numbers = {page.indirect_reference.idnum: index for index, page in enumerate(pdf.pages)}
    dests = pdf.trailer["/Root"]["/Dests"].get_object()
    return {name[1:]: numbers[value.get_object()[0].idnum] for name, value in dests.items()}


@pytest.fixture(scope="module")
def deck(site, tmp_path_factory):
    """The built deck's notes as (deck name, question, answer, guid, tags)."""
    folder = tmp_path_factory.mktemp("deck")
    with zipfile.ZipFile(site / downloads.FOLDER / downloads.DECK_FILE) as archive:
        archive.extractall(folder)
    return read_collection(folder / "collection.anki2")


def read_collection(path: Path) -> list[tuple[str, str, str, str, str]]:
    import json

    with sqlite3.connect(path) as db:
        names = {int(key): deck["name"] for key, deck in json.loads(db.execute("select decks from col").fetchone()[0]).items()}
        rows = db.execute("select cards.did, notes.flds, notes.guid, notes.tags from notes "
                          "join cards on cards.nid = notes.id order by notes.id").fetchall()
    return [(names[did], *fields.split("\x1f")[:2], guid, tags.strip()) for did, fields, guid, tags in rows]


def deck_from_bytes(data: bytes, folder: Path):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
    return read_collection(folder / "collection.anki2")


# ---- the PDF -------------------------------------------------------------------------------------------------------

def test_pdf_has_a_title_page_contents_and_every_page_in_order(pdf, starts):
    assert SITE_NAME in pdf.pages[0].extract_text()
    names = [downloads.chapter_id(page_url_path(src)) for src in BOOK_SOURCES]
    missing = [name for name in names if name not in starts]
    assert not missing, f"the PDF has no page for {missing}"
    order = [starts[name] for name in names]
    assert order == sorted(order) and len(set(order)) == len(order), "pages are not printed once each, in order"
    contents = {str(annotation.get_object().get("/Dest", ""))[1:]
                for page in pdf.pages[1:order[0]] for annotation in page.get("/Annots") or []}
    assert set(names) <= contents, f"the contents do not link to {sorted(set(names) - contents)}"
    for src, start in zip(BOOK_SOURCES, order):
        title = lesson_schema.read_page(DOCS / src)[0]["title"]
        assert words(title) in words(pdf.pages[start].extract_text()), f"{src}: its title is not on its first page"


def test_pdf_bookmarks_every_page_and_section(pdf, site):
    titles = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(item.title)

    walk(pdf.outline)
    for src in BOOK_SOURCES:
        page = built_page(site, src)
        assert page["title"] in titles, f"no bookmark for {src}"
        for match in re.finditer(r'<h2 id="[^"]+">(.*?)(?:<a class="headerlink"|</h2>)', page["content"]):
            assert downloads.plain(match.group(1)) in titles, f"{src}: no bookmark for its section {match.group(1)!r}"


def test_pdf_draws_every_diagram_of_every_page_as_a_vector_drawing(pdf, starts, site):
    """Each diagram is printed where its page is, as its light drawing (linked to that SVG, to open it full size),
    drawn with vector paths; the PDF holds no raster image at all."""
    names = [downloads.chapter_id(page_url_path(src)) for src in BOOK_SOURCES]
    bounds = [starts[name] for name in names] + [len(pdf.pages)]
    rasters = []
    for index, src in enumerate(BOOK_SOURCES):
        drawings: dict[str, int] = {}
        for number in range(bounds[index], bounds[index + 1]):
            page = pdf.pages[number]
            for xobject in (page["/Resources"].get("/XObject") or {}).values():
                if xobject.get_object()["/Subtype"] == "/Image":
                    rasters.append((src, number + 1))
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A") or {}
                if str(action.get("/URI", "")).endswith(".svg"):
                    drawings[str(action["/URI"])] = number
        built = built_page(site, src)
        light = {urljoin(SITE_URL + built["url"], html.unescape(image))
                 for image in re.findall(r'<img class="sd-diagram__light" src="([^"]+)"', built["content"])}
        assert set(drawings) == light, f"{src}: the printed drawings are not the page's light diagrams"
        for number in set(drawings.values()):
            stream = pdf.pages[number].get_contents().get_data()
            assert len(re.findall(rb" [lc]\n", stream)) > 20, f"{src}: page {number + 1} draws no vector paths"
    assert not rasters, f"raster images in the PDF: {rasters[:5]}"


def test_pdf_prints_faq_answers_open(pdf, starts, site):
    """On the shortest lesson, from its FAQ heading to its end (text extraction is slow), every answer is printed."""
    names = [downloads.chapter_id(page_url_path(src)) for src in BOOK_SOURCES]
    bounds = dict(zip(BOOK_SOURCES, zip([starts[n] for n in names], [starts[n] for n in names[1:]] + [len(pdf.pages)])))
    src = min(LESSON_SOURCES, key=lambda s: bounds[s][1] - bounds[s][0])
    first = starts[f"{downloads.chapter_id(page_url_path(src))}--frequently-asked-questions"]
    text = words("".join(pdf.pages[n].extract_text() for n in range(first, bounds[src][1])))
    answers = downloads.faqs(built_page(site, src)["content"])
    assert answers, f"{src} has no FAQ"
    for question, answer in answers:
        assert words(question) in text and words(" ".join(downloads.plain(answer).split()[:12])) in text, \
            f"{src}: the FAQ {question!r} is not printed open"


def test_print_page_keeps_light_drawings_opens_blocks_and_links_inside_the_book(site):
    pages = [built_page(site, src) for src in BOOK_SOURCES]
    chapters = {page["url"]: downloads.chapter_id(page["url"]) for page in pages}
    book = "".join(downloads.book_chapter(page, SITE_URL, chapters) for page in pages)
    ids = set(re.findall(r'\sid="([^"]+)"', book))
    assert book.count('<img class="sd-diagram__light"') == sum(diagram_count(page) for page in pages) > 0
    assert "sd-diagram__dark" not in book and 'loading="lazy"' not in book
    assert re.findall(r"<details(?![^>]*\sopen)[^>]*>", book) == []
    internal = re.findall(r'\shref="#([^"]*)"', book)
    assert internal and [target for target in internal if target not in ids] == []
    assert not re.search(r'\shref="(?!#|https?://|mailto:)', book), "a link in the book is relative to a web page"


def print_config(site: Path) -> SimpleNamespace:
    return SimpleNamespace(site_url=SITE_URL, site_dir=str(site), site_name=SITE_NAME, copyright="",
                           site_description="A test print.", site_author="")


def test_pdf_prints_byte_identical_without_asking_another_host(site, browser):
    """Printing the same pages twice gives the same bytes, dated by the sources, and asks only the site."""
    shortest = [min(sources, key=lambda src: (site / page_url_path(src) / "index.html").stat().st_size)
                for sources in (LESSON_SOURCES, [src for src in BOOK_SOURCES if src not in LESSON_SOURCES])]
    pages = [built_page(site, src) for src in shortest]
    page_html = downloads.print_html(pages, print_config(site), 1767225600)
    prints = []
    for _ in range(2):
        raw, refused = downloads.print_pdf(page_html, site, SITE_URL, browser)
        assert refused == []
        prints.append(downloads.add_outline(downloads.fix_dates(raw, 1767225600), downloads.outline(pages)))
    assert prints[0] == prints[1]
    info = PdfReader(io.BytesIO(prints[0])).metadata
    assert info["/CreationDate"].startswith("D:20260101000000") and info["/ModDate"].startswith("D:20260101000000")
    # The guard works: a print page that asks another host is caught.
    _, refused = downloads.print_pdf(downloads.print_html(pages[1:], print_config(site), 1767225600).replace(
        "</body>", '<img src="https://example.org/x.png"></body>'), site, SITE_URL, browser)
    assert refused == ["https://example.org/x.png"]


# ---- the deck ------------------------------------------------------------------------------------------------------

def test_deck_holds_one_note_per_question_with_its_answer(deck, site):
    by_deck: dict[str, list] = {}
    for name, question, answer, guid, tags in deck:
        by_deck.setdefault(name, []).append((question, answer))
    assert len({guid for *_, guid, _ in deck}) == len(deck)
    total = 0
    for src in LESSON_SOURCES:
        page = built_page(site, src)
        label = f"Module {page['module']:02d}: {page['title']}" if page["kind"] == "module" else f"Problem: {page['title']}"
        notes = by_deck.get(f"{SITE_NAME}::{label}")
        assert notes, f"no subdeck for {src}"
        faq = {downloads.question_key(q): a for q, a in downloads.faqs(page["content"])}
        expected = set(faq) | {downloads.question_key(q) for q in page["checklist"]}
        keys = [downloads.question_key(question) for question, _ in notes]
        assert sorted(keys) == sorted(expected), f"{src}: the deck's questions differ from the page's"
        ids = set(re.findall(r'\sid="([^"]+)"', page["content"]))
        for question, answer in notes:
            key = downloads.question_key(question)
            if key in faq:
                assert words(answer) == words(faq[key]), f"{src}: wrong answer for {question!r}"
            else:
                link = re.fullmatch(r'<p>Answered in <a href="([^"#]+)#([^"]+)">.+</a> \(.+\)\.</p>', answer)
                assert link and link.group(1) == SITE_URL + page["url"] and link.group(2) in ids - {"checklist"}, \
                    f"{src}: {question!r} is not answered by a link to one of the page's sections: {answer}"
        total += len(notes)
    assert total == len(deck)
    assert not any(re.search(r'\ssrc="', answer) for _, _, answer, _, _ in deck), "a card loads a remote file"


LESSON = {"src_uri": "modules/99-test.md", "url": "modules/99-test/", "title": "Test lesson", "kind": "module",
          "module": 99, "is_homepage": False,
          "checklist": ["What does the first section teach?", "Why is the second question asked?"],
          "content": ('<h1 id="test-lesson">Test lesson</h1><h2 id="first">First section teaches</h2><p>Text.</p>'
                      '<h2 id="faq">Frequently asked questions</h2>'
                      '<details class="question">\n<summary>Why is the second question asked?</summary>\n'
                      '<p>Because of <a href="../01-x/#y">module 01</a>.</p>\n</details>\n'
                      '<details class="question">\n<summary>What else?</summary>\n<p>Nothing.</p>\n</details>')}


def test_note_ids_follow_the_question_not_the_answer(tmp_path):
    def notes(lesson, name):
        return {q: (a, guid) for _, q, a, guid, _ in
                deck_from_bytes(downloads.build_deck([lesson], SITE_NAME, SITE_URL, 1767225600), tmp_path / name)}

    first = notes(LESSON, "first")
    assert set(first) == {"What does the first section teach?", "Why is the second question asked?", "What else?"}
    assert first["Why is the second question asked?"][0].startswith(
        f'<p>Because of <a href="{SITE_URL}modules/01-x/#y">'), "the FAQ answers the checklist question it repeats"
    assert f'{SITE_URL}modules/99-test/#first' in first["What does the first section teach?"][0]

    answered = dict(LESSON, content=LESSON["content"].replace("<p>Nothing.</p>", "<p>Something new.</p>"))
    second = notes(answered, "second")
    assert second["What else?"] == ("<p>Something new.</p>", first["What else?"][1]), "a new answer keeps the note"

    reworded = dict(LESSON, checklist=["What does the first section cover?", LESSON["checklist"][1]])
    third = notes(reworded, "third")
    assert third["What does the first section cover?"][1] != first["What does the first section teach?"][1]
    for question in ("Why is the second question asked?", "What else?"):
        assert third[question][1] == first[question][1], "rewording one question changed another's id"

    reordered = dict(LESSON, checklist=list(reversed(LESSON["checklist"])))
    assert {q: g for q, (_, g) in notes(reordered, "fourth").items()} == {q: g for q, (_, g) in first.items()}


def test_deck_is_byte_identical_from_the_same_source(site):
    lessons = [built_page(site, src) for src in LESSON_SOURCES]
    first = downloads.build_deck(lessons, SITE_NAME, SITE_URL, 1767225600)
    assert downloads.build_deck(lessons, SITE_NAME, SITE_URL, 1767225600) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}


# ---- links ---------------------------------------------------------------------------------------------------------

def test_home_page_and_every_footer_link_both_downloads_with_their_size(site):
    sizes = {item["file"]: downloads.human_size((site / downloads.FOLDER / item["file"]).stat().st_size)
             for item in downloads.downloads()}
    link = re.compile(r'<a href="([^"]+)" download>[^<]*<span class="sd-download__size" data-sd-size="([^"]+)">'
                      r' \(([^)]+)\)</span></a>')
    for src in SOURCES:
        url = page_url_path(src)
        built = (site / url / "index.html").read_text(encoding="utf-8")
        footer = built[built.index('<div class="sd-footer-downloads">'):]
        found = {name: (href, size) for href, name, size in link.findall(footer[:footer.index("</div>")])}
        assert set(found) == set(sizes), f"{src}: the footer does not link both downloads with their size"
        for name, (href, size) in found.items():
            assert urljoin(SITE_URL + url, href) == f"{SITE_URL}{downloads.FOLDER}/{name}" and size == sizes[name]
    home = (site / "index.html").read_text(encoding="utf-8")
    listed = home[home.index('<ul class="sd-downloads">'):]
    assert {name: size for _, name, size in link.findall(listed[:listed.index("</ul>")])} == sizes


# ---- printing one page from the browser ----------------------------------------------------------------------------

def test_a_page_prints_as_its_text_column_in_the_light_palette_with_every_block_open(open_reader):
    src = next(s for s in LESSON_SOURCES if lesson_schema.lesson_kind(s) == "problem")
    reader = open_reader("dark")
    page = reader.open(page_url_path(src))
    page.wait_for_function("document.querySelector('.sd-timer') && document.querySelector('.sd-checklist__box')")
    closed = page.locator("details:not([open])").count()
    assert closed >= 4 and page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    # Registered after the page's own listener: sees the page as it is printed.
    page.evaluate("""addEventListener('beforeprint', () => { window.printed = {
        scheme: document.body.dataset.mdColorScheme,
        closed: document.querySelectorAll('details:not([open])').length }; })""")
    printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert page.evaluate("window.printed") == {"scheme": "default", "closed": 0}
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", "the reader's palette is not restored"
    assert page.locator("details:not([open])").count() == closed, "the blocks the reader had closed stay open"
    answer = words(" ".join(text_of(page.locator("details.question p").last).split()[:12]))
    assert any(answer in words(p.extract_text()) for p in reversed(printed.pages[-4:])), \
        "the last FAQ's answer is not printed"

    page.emulate_media(media="print")
    hidden = (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".sd-timer",
              ".sd-checklist__box", ".sd-diagram__dark")
    for selector in hidden:
        assert page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).display") == "none", selector
    assert page.evaluate("getComputedStyle(document.querySelector('.sd-diagram__light')).display") != "none"
    assert page.evaluate("document.querySelector('details:not([open]) p').checkVisibility()"), \
        "a closed FAQ's answer does not print"
    assert reader.external_requests == []


def test_a_card_links_to_a_diagram_instead_of_loading_it(tmp_path):
    image = ('<div class="sd-diagram"><a class="sd-diagram__light" href="../../assets/diagrams/k-light.svg">'
             '<img class="sd-diagram__light" src="../../assets/diagrams/k-light.svg" width="9" height="9" '
             'alt="Read path. The cache first." loading="lazy"></a><a class="sd-diagram__dark" '
             'href="../../assets/diagrams/k-dark.svg"><img class="sd-diagram__dark" src="../../assets/diagrams/k-dark.svg" '
             'width="9" height="9" alt="Read path. The cache first."></a></div>')
    lesson = dict(LESSON, content=LESSON["content"].replace("<p>Nothing.</p>", "<p>Nothing.</p>" + image))
    answer = {q: a for _, q, a, _, _ in deck_from_bytes(
        downloads.build_deck([lesson], SITE_NAME, SITE_URL, 1767225600), tmp_path)}["What else?"]
    assert "<img" not in answer and " src=" not in answer and "k-dark" not in answer
    assert f'<a href="{SITE_URL}assets/diagrams/k-light.svg">Diagram: Read path. The cache first.</a>' in answer
    assert answer.count("<a ") == answer.count("</a>") == 1
