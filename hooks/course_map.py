"""Write the home page's lists from front matter: `<!-- course-map -->` becomes the table of modules and
`<!-- problem-list -->` the table of interview problems, so a new lesson appears there without editing the page."""

from __future__ import annotations

import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import lesson_schema


# The lists live in front matter (title, description); pages only say where they go.
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if lesson_schema.COURSE_MAP_MARKER in markdown:
        markdown = markdown.replace(lesson_schema.COURSE_MAP_MARKER, _table(page, files, "module"))
    if lesson_schema.PROBLEM_LIST_MARKER in markdown:
        markdown = markdown.replace(lesson_schema.PROBLEM_LIST_MARKER, _table(page, files, "problem"))
    return markdown


# One row per published lesson of a kind: modules in module order, problems by title; links relative to the page.
def _table(page: Page, files: Files, kind: str) -> str:
    rows = []
    for file in files.documentation_pages():
        if lesson_schema.lesson_kind(file.src_uri) != kind:
            continue
        meta, _ = lesson_schema.read_page(file.abs_src_path)
        link = posixpath.relpath(file.src_uri, posixpath.dirname(page.file.src_uri) or ".")
        # Front matter is text: escaped, so a title can never become markup or a link of its own.
        title, description = (lesson_schema.markdown_literal(str(meta[key])) for key in ("title", "description"))
        if kind == "module":
            rows.append((meta["module"], f"| {meta['module']:02d} | [{title}]({link}) | {description} |"))
        else:
            rows.append((str(meta["title"]).lower(), f"| [{title}]({link}) | {description} |"))
    header = ("| # | Module | What you will learn |\n|---|---|---|" if kind == "module"
              else "| Problem | What you will design |\n|---|---|")
    table = "\n".join([header] + [row for _, row in sorted(rows)])
    css = "sd-course-map" if kind == "module" else "sd-problem-list"
    return f"<div class=\"{css}\" markdown>\n\n{table}\n\n</div>"
