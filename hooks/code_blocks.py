"""Finish every highlighted code block at build time, so the browser has nothing to insert while the page loads:
- a copy button in Material's look (.md-code__nav, .md-code__button); site.js copies the code when it is pressed,
  and without JavaScript the button is hidden (course.css);
- tabindex="0" on the code, so a keyboard can scroll a block wider than the screen (axe: scrollable-region-focusable).
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_CODE_BLOCK = re.compile(r'(<div class="highlight"><pre(?: [^>]*)?>)(<span></span>)?<code>')
_BUTTON = ('<div class="md-code__nav"><button type="button" class="md-code__button" data-md-type="copy" '
           'title="Copy to clipboard" aria-label="Copy code to clipboard"></button></div>')


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _CODE_BLOCK.sub(lambda match: match.group(1) + _BUTTON + (match.group(2) or "") + '<code tabindex="0">', html)
