"""Wrap each second-level section of a page (an <h2> and everything up to the next one) in
<section class="sd-section">, so the browser can skip laying out and painting the sections that are not on
screen (course.css: content-visibility: auto). A lesson is 5,000–9,000 words; most of it is off screen when the
page opens, and skipping it cuts the main-thread work of showing the first screen on a phone to a fraction.

Until a section is drawn, its height is a placeholder. Each section carries what course.css needs to size it:
--sd-text, the number of characters in it, and --sd-media, the height in pixels of its diagrams. The CSS turns
them into a height at least as tall as the section really is at that screen width (measured on the course's own
pages: at most 1.76 px per character at 320 px wide, 1.09 at 412 px, 0.72 at 768 px and wider), so a section
that has not been drawn never overlaps the next one, and the page moves little when it is drawn.
"""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_H2 = re.compile(r"(?=<h2[\s>])")
_TAG = re.compile(r"<[^>]+>")
_DIAGRAM = re.compile(r'<img class="sd-diagram__light"[^>]*? height="(\d+)"')


def _section(content: str) -> str:
    text = len(html.unescape(_TAG.sub("", content)))
    media = sum(int(height) for height in _DIAGRAM.findall(content))
    return f'<section class="sd-section" style="--sd-text: {text}; --sd-media: {media}">{content}</section>'


# Runs after the other content hooks (mkdocs.yml lists it last), so diagrams and the checklist are in place.
def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    intro, *sections = _H2.split(html_text)
    return intro + "".join(_section(section) for section in sections)
