"""Render the "Things you should now be able to answer" section from a lesson's `checklist` front matter."""

from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import lesson_schema


# Append the checklist to the end of every lesson, so the questions are written once, in the front matter.
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    questions = page.meta.get("checklist")
    if not lesson_schema.lesson_kind(page.file.src_uri) or not questions:
        return markdown
    return markdown.rstrip() + "\n\n" + _section(questions) + "\n"


# The section as Markdown: a heading with a stable id and a plain list that scripts may enhance.
def _section(questions: list[str]) -> str:
    items = "\n".join(f"- {html.escape(q.strip(), quote=False)}" for q in questions)
    return (
        f"## {lesson_schema.CHECKLIST_HEADING} {{ #checklist }}\n\n"
        '<div class="sd-checklist" markdown>\n\n'
        f"{items}\n\n"
        "</div>"
    )
