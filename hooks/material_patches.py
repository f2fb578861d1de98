"""Stage 3 of the build: finish Material's markup at build time, where its JavaScript bundle (not loaded on this
site, see overrides/main.html) used to change it in the browser, and mend what fails a validator or axe.

Every patch is listed in PATCHES with the markup it expects from Material 9.x. A patch whose markup is missing
fails the build, naming the patch and the page: a theme upgrade (or the move to Material's successor) then shows
exactly which assumption broke instead of quietly dropping a copy button or an accessible name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class Patch:
    name: str                          # what it does for a reader, in the error message
    stage: str                         # "content" (the page's article HTML) or "page" (the whole HTML document)
    applies: Callable[[str], bool]     # whether this page should have the markup at all
    pattern: re.Pattern
    replace: Callable[[re.Match], str]
    expected: Callable[[str], int]     # how many times the pattern must match on a page where it applies


# Code blocks: a copy button (site.js copies the code; hidden without JavaScript by course.css) and a focusable
# <code>, so a keyboard can scroll a block wider than the screen (axe: scrollable-region-focusable). The button sits
# in a <span> inside <pre>: <pre> may only hold phrasing content, so a <div> or <nav> there is invalid HTML.
_COPY_BUTTON = ('<span class="md-code__nav"><button type="button" class="md-code__button" data-md-type="copy" '
                'title="Copy to clipboard" aria-label="Copy code to clipboard"></button></span>')

PATCHES = (
    Patch("copy buttons and keyboard scrolling on code blocks", "content",
          lambda html: '<div class="highlight">' in html,
          re.compile(r'(<div class="highlight"><pre(?: [^>]*)?>)(<span></span>)?<code>'),
          lambda m: m.group(1) + _COPY_BUTTON + (m.group(2) or "") + '<code tabindex="0">',
          lambda html: html.count('<div class="highlight">')),
    # Tables: Material's scrolling wrapper, so a wide table scrolls sideways on a phone; focusable for keyboards.
    Patch("scrolling wrappers for tables", "content",
          lambda html: "<table>" in html,
          re.compile(r"<table>.*?</table>", re.DOTALL),
          lambda m: ('<div class="md-typeset__scrollwrap" tabindex="0"><div class="md-typeset__table">'
                     + m.group(0) + "</div></div>"),
          lambda html: html.count("<table>")),
    # The search dialog needs an accessible name (axe: aria-dialog-name).
    Patch("an accessible name for the search dialog", "page",
          lambda html: True,
          re.compile(r'<div class="md-search" data-md-component="search" role="dialog">'),
          lambda m: m.group(0)[:-1] + ' aria-label="Search">',
          lambda html: 1),
    # Navigation section labels carry an empty tabindex (invalid HTML; Material's script used to set it).
    Patch("no empty tabindex on navigation labels", "page",
          lambda html: '<label class="md-nav__link"' in html,
          re.compile(r'(<label class="md-nav__link" [^>]*?) tabindex=""'),
          lambda m: m.group(1),
          lambda html: html.count('<label class="md-nav__link"')),
)


def apply(html: str, stage: str, where: str) -> str:
    """The HTML with every patch of one stage applied; a patch whose markup is not there fails the build."""
    for patch in PATCHES:
        if patch.stage != stage or not patch.applies(html):
            continue
        wanted = patch.expected(html)
        html, found = patch.pattern.subn(patch.replace, html)
        if found != wanted:
            raise PluginError(f"hooks/material_patches.py: Material's markup changed: the patch '{patch.name}' "
                              f"expected {wanted} match(es) of {patch.pattern.pattern!r} in {where}, found {found}")
    return html


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return apply(html, "content", page.file.src_uri)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return apply(output, "page", page.file.src_uri)


# The 404 page is rendered from a template, not a Markdown page, and needs the same whole-page patches.
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        return apply(output_content, "page", template_name)
    return output_content
