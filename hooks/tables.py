"""Wrap every plain table at build time the way Material's script used to in the browser
(div.md-typeset__scrollwrap > div.md-typeset__table), so a wide table scrolls sideways on a phone. The scrolling
box is focusable, so a keyboard can scroll it too (axe: scrollable-region-focusable)."""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _TABLE.sub(lambda match: '<div class="md-typeset__scrollwrap" tabindex="0"><div class="md-typeset__table">'
                      + match.group(0) + "</div></div>", html)
