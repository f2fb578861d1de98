"""Describe each page to search engines and link previews, from what the page already says.

- FAQPage JSON-LD whose questions and answers are exactly the page's `??? question` blocks, read from the
  rendered HTML, so the FAQ is never typed twice.
- Open Graph and Twitter card tags live in overrides/main.html (title and description from front matter).
"""

from __future__ import annotations

import html
import html.parser
import json
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


class _FaqReader(html.parser.HTMLParser):
    """Collects (question, answer) text from <details class="question"> blocks, ignoring nested markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pairs: list[tuple[str, str]] = []
        self._depth = 0          # nesting depth of <details> inside a question block
        self._in_summary = False
        self._question: list[str] = []
        self._answer: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "details":
            if self._depth:
                self._depth += 1
            elif "question" in (dict(attrs).get("class") or "").split():
                self._depth, self._question, self._answer = 1, [], []
        elif tag == "summary" and self._depth == 1:
            self._in_summary = True
        elif self._depth and tag in ("p", "li", "br", "tr", "pre"):
            self._answer.append(" ")

    def handle_endtag(self, tag):
        if tag == "summary" and self._in_summary:
            self._in_summary = False
        elif tag == "details" and self._depth:
            self._depth -= 1
            if not self._depth:
                self.pairs.append((_squash(self._question), _squash(self._answer)))

    def handle_data(self, data):
        if self._depth:
            (self._question if self._in_summary else self._answer).append(data)


def _squash(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def faq_pairs(page_html: str) -> list[tuple[str, str]]:
    """The page's FAQ blocks as (question, answer) plain text, in order."""
    reader = _FaqReader()
    reader.feed(page_html)
    return reader.pairs


# Add FAQPage structured data to the <head> of every page that has FAQ blocks.
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    pairs = faq_pairs(page.content or "")
    if not pairs:
        return output
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": question,
             "acceptedAnswer": {"@type": "Answer", "text": answer}}
            for question, answer in pairs
        ],
    }
    # Inside <script> nothing may read as markup: <, > and & (so no "</script>" and no "<!--") and the line
    # separators U+2028/U+2029 are written as JSON escapes, which mean exactly the same characters.
    payload = json.dumps(data, ensure_ascii=False)
    for character, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                              ("\u2029", "\\u2029")):
        payload = payload.replace(character, escape)
    tag = f'<script type="application/ld+json">{payload}</script>\n'
    return output.replace("</head>", tag + "</head>", 1)
