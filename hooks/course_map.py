"""Replace `<!-- course-map -->` with the table of published modules, built from their front matter."""

from __future__ import annotations

import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import lesson_schema


# The map lives in front matter (title, description); pages only say where it goes.
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if lesson_schema.COURSE_MAP_MARKER not in markdown:
        return markdown
    return markdown.replace(lesson_schema.COURSE_MAP_MARKER, _table(page, files))


# One row per published module, in module order, linked relative to the page that shows the map.
def _table(page: Page, files: Files) -> str:
    rows = []
    for file in files.documentation_pages():
        if lesson_schema.lesson_kind(file.src_uri) != "module":
            continue
        meta, _ = lesson_schema.read_page(file.abs_src_path)
        link = posixpath.relpath(file.src_uri, posixpath.dirname(page.file.src_uri) or ".")
        rows.append((meta["module"], f"| {meta['module']:02d} | [{meta['title']}]({link}) | {meta['description']} |"))
    header = "| # | Module | What you will learn |\n|---|---|---|"
    table = "\n".join([header] + [row for _, row in sorted(rows)])
    return f"<div class=\"sd-course-map\" markdown>\n\n{table}\n\n</div>"
