"""Check each page's Markdown against the course's page anatomy and safety rules before it is rendered."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import lesson_schema


# Every page: no script, alt text on images, no skipped heading levels, accessible diagrams; lessons: the anatomy.
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    problems = lesson_schema.check_page_body(markdown)
    kind = lesson_schema.lesson_kind(page.file.src_uri)
    if kind:
        problems += lesson_schema.check_anatomy(markdown, kind)
    if problems:
        shown = os.path.relpath(page.file.abs_src_path, os.path.dirname(config.config_file_path or "."))
        raise PluginError(f"{shown} does not follow the course's page anatomy:\n  " + "\n  ".join(problems))
    return markdown
