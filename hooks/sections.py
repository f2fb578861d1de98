"""Wrap each second-level section of a page (an <h2> and everything up to the next one) in
<section class="sd-section">, so the browser can skip laying out and painting the sections that are not on
screen (course.css: content-visibility: auto). A lesson is 5,000–9,000 words; most of it is off screen when the
page opens, and skipping it roughly halves the work of showing the first screen on a phone."""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_H2 = re.compile(r"(?=<h2[\s>])")


# Runs after the other content hooks (mkdocs.yml lists it after checklist.py), so the checklist is a section too.
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    intro, *sections = _H2.split(html)
    return intro + "".join(f'<section class="sd-section">{section}</section>' for section in sections)
