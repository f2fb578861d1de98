"""One glossary, two uses: the glossary page and the term definitions on every lesson.

`glossary.yml` (next to mkdocs.yml) holds each term once: its one-sentence definition, the module that teaches it
and any other spellings. This hook validates the file and renders it where a page says `<!-- glossary -->`: an A–Z
index, then the terms under their letter, each with its own anchor (`#write-skew`). It also appends the terms to
every module and problem page as Markdown abbreviations; where a term is first used on the page (outside links,
headings and summaries), the abbreviation becomes a button that shows the definition in a popover on hover,
keyboard focus and tap (site.js), linking to the term's anchor in the glossary. A definition is written once.
"""

from __future__ import annotations

import html as html_lib
import os
import posixpath
import re
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import lesson_schema

GLOSSARY_FILE = lesson_schema.GLOSSARY_FILE
MARKER = lesson_schema.GLOSSARY_MARKER
check_glossary = lesson_schema.check_glossary   # the rules live in the one schema

_ENTRIES: list[dict] = []
_GLOSSARY_PAGE: list[str] = []       # the src_uri of the page that holds the glossary (the MARKER)
# An abbreviation the `abbr` extension made, or an opening/closing tag of an element a button may not sit in.
_TOKEN = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>|<(/?)(a|h[1-6]|summary|button|label)\b[^>]*>', re.DOTALL)


def term_anchor(term: str) -> str:
    """The anchor of a term on the glossary page: "write skew" → "write-skew", "80/20 rule" → "80-20-rule"."""
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-") or "term"


def anchors(entries: list[dict]) -> dict[str, str]:
    """Every term's anchor, unique on the page (a later term that would collide gets -2, -3…)."""
    taken: dict[str, str] = {}
    used: set[str] = set()
    for entry in entries:
        anchor = base = term_anchor(entry["term"])
        number = 2
        while anchor in used or anchor.startswith("letter-"):
            anchor, number = f"{base}-{number}", number + 1
        used.add(anchor)
        taken[entry["term"]] = anchor
    return taken


# Read and validate glossary.yml once per build.
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    path = os.path.join(os.path.dirname(config.config_file_path or "."), GLOSSARY_FILE)
    try:
        with open(path, encoding="utf-8") as handle:
            entries = lesson_schema.load_yaml(handle.read())
    except UnicodeDecodeError as error:
        raise PluginError(f"{GLOSSARY_FILE}: is not UTF-8 text (byte {error.start}): save it as UTF-8") from None
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{GLOSSARY_FILE}: cannot be read: {error}") from None
    lessons = {lesson_schema.glossary_key(f.src_uri) for f in files.documentation_pages()
               if lesson_schema.lesson_kind(f.src_uri)}
    problems = check_glossary(entries, lessons)
    if problems:
        raise PluginError(f"{GLOSSARY_FILE} is not valid:\n  " + "\n  ".join(problems))
    _ENTRIES[:] = sorted(entries, key=lambda entry: entry["term"].lower())
    _GLOSSARY_PAGE[:] = [f.src_uri for f in files.documentation_pages()
                         if f.src_uri.endswith(".md") and MARKER in (f.content_string or "")][:1]
    return files


def _snippets_text(config: MkDocsConfig) -> str:
    """Every snippet file's text (pymdownx.snippets' base paths), which a page may include after this hook runs."""
    root = Path(config.config_file_path).parent
    bases = (config.mdx_configs.get("pymdownx.snippets") or {}).get("base_path") or ["."]
    bases = [bases] if isinstance(bases, str) else bases
    return "\n".join(path.read_text(encoding="utf-8", errors="replace") for base in bases
                     for path in sorted((root / base).rglob("*")) if path.is_file())


# Lessons get every term as an abbreviation (a tooltip); the glossary page gets the list itself.
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, _glossary_list(page, files))
    if lesson_schema.lesson_kind(page.file.src_uri):
        # Only the spellings the page contains, with any snippets it includes (a spelling absent from the text
        # cannot be matched): the same result, and the `abbr` extension has a few dozen words to look for, not 300.
        text = markdown + (_snippets_text(config) if "--8<--" in markdown else "")
        lines = [f"*[{spelling}]: {entry['definition']}"
                 for entry in _ENTRIES for spelling in [entry["term"], *entry.get("aliases", [])] if spelling in text]
        # One blank line between definitions: Markdown parses each as its own small block (linear, not quadratic).
        markdown = markdown.rstrip() + "\n\n" + "\n\n".join(lines) + "\n"
    return markdown


# The first use of each term on a page becomes a button with the definition (site.js shows it as a popover); later
# uses, and uses inside links, headings, summaries or labels (where a button may not sit), stay plain text. The
# reader meets the definition once, and a page is not strewn with hundreds of dotted underlines.
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not lesson_schema.lesson_kind(page.file.src_uri):
        return html
    by_definition = {entry["definition"]: entry["term"] for entry in _ENTRIES}
    anchor_of = anchors(_ENTRIES)
    glossary = ""
    if _GLOSSARY_PAGE:
        target = page_url(_GLOSSARY_PAGE[0])
        # page.url is "modules/07-caching/": links are relative to that folder.
        glossary = posixpath.relpath(target or ".", page.url.rstrip("/") or ".") + "/"
    seen: set[str] = set()
    inside: list[str] = []

    def replace(match: re.Match) -> str:
        if match.group(4):                       # a tag: track the elements a button may not sit in
            if match.group(3):
                if match.group(4) in inside:
                    del inside[len(inside) - 1 - inside[::-1].index(match.group(4))]
            elif not match.group(0).endswith("/>"):
                inside.append(match.group(4))
            return match.group(0)
        title, word = match.group(1), match.group(2)
        if title in seen or inside:
            return word
        seen.add(title)
        term = by_definition.get(html_lib.unescape(title))
        link = f' data-sd-glossary="{glossary}#{anchor_of[term]}"' if term and glossary else ""
        return (f'<button type="button" class="sd-term" aria-expanded="false" data-sd-definition="{title}"{link}>'
                f'{word}</button>')

    return _TOKEN.sub(replace, html)


def page_url(src_uri: str) -> str:
    """The directory URL of a page: reference/glossary.md → reference/glossary."""
    stem = src_uri[:-3]
    return stem[: -len("index")].rstrip("/") if stem.endswith("index") else stem


# The glossary as a definition list: term, definition, and a link to the module that teaches it.
def _glossary_list(page: Page, files: Files) -> str:
    taught = {}
    for file in files.documentation_pages():
        if lesson_schema.lesson_kind(file.src_uri):
            meta, _ = lesson_schema.read_page(file.abs_src_path)
            where = (f"module {meta['module']:02d}, {meta['title']}" if "module" in meta
                     else f"the interview problem {meta['title']}")
            taught[lesson_schema.glossary_key(file.src_uri)] = (file.src_uri, where)
    here = posixpath.dirname(page.file.src_uri) or "."
    anchor_of = anchors(_ENTRIES)
    letters: dict[str, list[str]] = {}
    for entry in _ENTRIES:
        src_uri, where = taught[entry["module"]]
        link = posixpath.relpath(src_uri, here)
        # glossary.yml's values are text: escaped, so a definition can never become markup or a link.
        also = (f" Also written {', '.join(lesson_schema.markdown_literal(a) for a in entry['aliases'])}."
                if entry.get("aliases") else "")
        first = entry["term"][0].upper()
        letter = first if first.isalpha() else "0–9"
        letters.setdefault(letter, []).append(
            f"{lesson_schema.markdown_literal(entry['term'])} {{ #{anchor_of[entry['term']]} }}\n:   "
            f"{lesson_schema.markdown_literal(entry['definition'])}{also} "
            f"Taught in [{lesson_schema.markdown_literal(where)}]({link}).")
    ids = {letter: "letter-" + ("0-9" if letter == "0–9" else letter.lower()) for letter in letters}
    index = '<nav class="sd-glossary-index" aria-label="Glossary from A to Z">' + " ".join(
        f'<a href="#{ids[letter]}">{letter}</a>' for letter in letters) + "</nav>"
    blocks = [index]
    for letter, terms in letters.items():
        blocks.append(f"## {letter} {{ #{ids[letter]} }}")
        blocks.extend(terms)
    return "\n\n".join(blocks)
