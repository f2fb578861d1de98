"""Render the "Things you should now be able to answer" section from a lesson's `checklist` front matter.

The questions are written once, in the front matter. This hook appends them to the page as a list, gives each
item a stable id (for the progress tracker in assets/javascripts/progress.js), and writes assets/lessons.json:
every lesson's address, title and question ids, from which the home page shows the reader's progress.
"""

from __future__ import annotations

import hashlib
import json
import os
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import lesson_schema

_LESSONS: dict[str, dict] = {}
_LIST_ITEM = re.compile(r"<li>")


# A question's id: stable while its wording stays the same, whatever its position.
def question_id(question: str) -> str:
    return hashlib.sha1(" ".join(question.split()).encode("utf-8")).hexdigest()[:10]


_DIRTY = {"on": False}


def on_startup(*, command: str, dirty: bool) -> None:
    _DIRTY["on"] = dirty


# Start each full build with an empty record of lessons (mkdocs serve rebuilds in one process); a dirty build keeps
# the lessons of the pages it does not rebuild.
def on_pre_build(*, config: MkDocsConfig) -> None:
    if not _DIRTY["on"]:
        _LESSONS.clear()


# Append the checklist to the end of every lesson.
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    questions = page.meta.get("checklist")
    if not lesson_schema.lesson_kind(page.file.src_uri) or not questions:
        return markdown
    # Questions are text: escaped for HTML and Markdown, so one can never become markup, a link or an attribute list.
    items = "\n".join(f"- {lesson_schema.markdown_literal(q.strip())}" for q in questions)
    section = (
        f"## {lesson_schema.CHECKLIST_HEADING} {{ #checklist }}\n\n"
        '<div class="sd-checklist" markdown>\n\n'
        f"{items}\n\n"
        "</div>"
    )
    return markdown.rstrip() + "\n\n" + section + "\n"


# Give each checklist item its question id, and record the lesson for lessons.json.
def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    questions = page.meta.get("checklist")
    kind = lesson_schema.lesson_kind(page.file.src_uri)
    if not kind or not questions:
        return html_text
    ids = [question_id(q) for q in questions]
    start = html_text.rfind('<div class="sd-checklist">')
    head, tail = html_text[:start], html_text[start:]
    numbered = iter(ids)
    tail = _LIST_ITEM.sub(lambda _: f'<li data-sd-question="{next(numbered)}">', tail, count=len(ids))
    _LESSONS[page.url] = {
        "url": page.url,
        "title": page.meta.get("title", page.title),
        "kind": kind,
        "module": page.meta.get("module"),
        "questions": ids,
    }
    return head + tail


# Write every lesson's question ids where the progress script can fetch them.
def on_post_build(*, config: MkDocsConfig) -> None:
    lessons = sorted(_LESSONS.values(), key=lambda lesson: (lesson["kind"], lesson["module"] or 0, lesson["url"]))
    target = os.path.join(config.site_dir, "assets", "lessons.json")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as out:
        json.dump({"version": 1, "lessons": lessons}, out, ensure_ascii=False, indent=1, sort_keys=True)
