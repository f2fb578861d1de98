"""One glossary, two uses: the glossary page and the tooltips on every lesson.

`glossary.yml` (next to mkdocs.yml) holds each term once: its one-sentence definition, the module that teaches it
and any other spellings. This hook validates the file, renders it where a page says `<!-- glossary -->`, and
appends it to every module and problem page as Markdown abbreviations, so the `abbr` extension shows the
definition as a tooltip where the term first appears on the page. A definition is written once, in glossary.yml.
"""

from __future__ import annotations

import os
import posixpath
import re

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
_ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.DOTALL)


# Read and validate glossary.yml once per build.
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    path = os.path.join(os.path.dirname(config.config_file_path or "."), GLOSSARY_FILE)
    try:
        with open(path, encoding="utf-8") as handle:
            entries = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{GLOSSARY_FILE}: cannot be read: {error}") from None
    lessons = {lesson_schema.glossary_key(f.src_uri) for f in files.documentation_pages()
               if lesson_schema.lesson_kind(f.src_uri)}
    problems = check_glossary(entries, lessons)
    if problems:
        raise PluginError(f"{GLOSSARY_FILE} is not valid:\n  " + "\n  ".join(problems))
    _ENTRIES[:] = sorted(entries, key=lambda entry: entry["term"].lower())
    return files


# Lessons get every term as an abbreviation (a tooltip); the glossary page gets the list itself.
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, _glossary_list(page, files))
    if lesson_schema.lesson_kind(page.file.src_uri):
        lines = [f"*[{spelling}]: {entry['definition']}"
                 for entry in _ENTRIES for spelling in [entry["term"], *entry.get("aliases", [])]]
        # One blank line between definitions: Markdown parses each as its own small block (linear, not quadratic).
        markdown = markdown.rstrip() + "\n\n" + "\n\n".join(lines) + "\n"
    return markdown


# Keep the tooltip on the first use of each term on a page only: the reader meets the definition once, and a
# page is not strewn with hundreds of dotted underlines (each a tooltip Material has to set up in the browser).
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not lesson_schema.lesson_kind(page.file.src_uri):
        return html
    seen: set[str] = set()

    def first_only(match: re.Match) -> str:
        if match.group(1) in seen:
            return match.group(2)
        seen.add(match.group(1))
        return match.group(0)

    return _ABBR.sub(first_only, html)


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
    blocks = []
    for entry in _ENTRIES:
        src_uri, where = taught[entry["module"]]
        link = posixpath.relpath(src_uri, here)
        also = f" Also written {', '.join(entry['aliases'])}." if entry.get("aliases") else ""
        blocks.append(f"{entry['term']}\n:   {entry['definition']}{also} Taught in [{where}]({link}).")
    return "\n\n".join(blocks)
