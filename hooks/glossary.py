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

GLOSSARY_FILE = "glossary.yml"
MARKER = "<!-- glossary -->"
MAX_DEFINITION = 200

_ENTRIES: list[dict] = []
_ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.DOTALL)


def check_glossary(entries, module_files: set[str]) -> list[str]:
    """Problems with the glossary data, each naming the entry; an empty list means it is fine."""
    if not isinstance(entries, list) or not entries:
        return ["must be a non-empty list of entries"]
    problems = []
    seen: dict[str, str] = {}
    for number, entry in enumerate(entries, 1):
        where = f"entry {number}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a mapping with term, definition and module")
            continue
        term = entry.get("term")
        where = f"entry {number} ({term!r})"
        unknown = set(entry) - {"term", "definition", "module", "aliases"}
        if unknown:
            problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        if not isinstance(term, str) or not term.strip():
            problems.append(f"{where}: term must be a non-empty string")
            continue
        definition = entry.get("definition")
        if not isinstance(definition, str) or not definition.strip():
            problems.append(f"{where}: definition must be a non-empty string")
        elif len(definition) > MAX_DEFINITION:
            problems.append(f"{where}: definition has {len(definition)} characters, at most {MAX_DEFINITION}")
        elif '"' in definition or "\n" in definition:
            problems.append(f"{where}: definition must be one line without double quotes (it becomes a tooltip)")
        if entry.get("module") not in module_files:
            problems.append(f"{where}: module {entry.get('module')!r} is not a file in docs/modules/")
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.append(f"{where}: aliases must be a list of strings")
            aliases = []
        for spelling in [term, *aliases]:
            if spelling in seen:
                problems.append(f"{where}: {spelling!r} is already defined by {seen[spelling]}")
            seen[spelling] = where
    return problems


# Read and validate glossary.yml once per build.
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    path = os.path.join(os.path.dirname(config.config_file_path or "."), GLOSSARY_FILE)
    try:
        with open(path, encoding="utf-8") as handle:
            entries = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{GLOSSARY_FILE}: cannot be read: {error}") from None
    modules = {posixpath.basename(f.src_uri) for f in files.documentation_pages()
               if lesson_schema.lesson_kind(f.src_uri) == "module"}
    problems = check_glossary(entries, modules)
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
    titles = {}
    for file in files.documentation_pages():
        if lesson_schema.lesson_kind(file.src_uri) == "module":
            meta, _ = lesson_schema.read_page(file.abs_src_path)
            titles[posixpath.basename(file.src_uri)] = (file.src_uri, meta["module"], meta["title"])
    here = posixpath.dirname(page.file.src_uri) or "."
    blocks = []
    for entry in _ENTRIES:
        src_uri, number, title = titles[entry["module"]]
        link = posixpath.relpath(src_uri, here)
        also = f" Also written {', '.join(entry['aliases'])}." if entry.get("aliases") else ""
        blocks.append(f"{entry['term']}\n:   {entry['definition']}{also} Taught in "
                      f"[module {number:02d}, {title}]({link}).")
    return "\n\n".join(blocks)
