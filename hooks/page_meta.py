"""Show what a reader wants to know before reading a lesson: where it sits in the course and how long it takes."""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import lesson_schema


# Insert "Module 3 of 12 · 14 min read" under the H1 of every lesson; both facts are derived, never authored.
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    kind = lesson_schema.lesson_kind(page.file.src_uri)
    if not kind:
        return html
    where = (f"Module {page.meta['module']} of {lesson_schema.MODULE_COUNT}" if kind == "module"
             else "Interview problem")
    minutes = lesson_schema.reading_minutes(page.markdown or "")
    line = f'<p class="sd-page-meta">{where} · {minutes} min read</p>'
    return re.sub(r"(</h1>)", r"\1" + line.replace("\\", r"\\"), html, count=1)
