"""Validate the front matter of every page before anything is built, and fail loudly on the first bad page."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

import lesson_schema


# Every Markdown page's front matter must follow lesson_schema; module numbers must be unique.
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    root = os.path.dirname(config.config_file_path or ".")
    problems: list[str] = []
    lessons: dict[str, dict] = {}
    for file in files.documentation_pages():
        shown = os.path.relpath(file.abs_src_path, root)
        try:
            meta, _ = lesson_schema.read_page(file.abs_src_path)
        except ValueError as error:
            problems.append(f"{shown}: {error}")
            continue
        problems.extend(f"{shown}: {p}" for p in lesson_schema.check_front_matter(meta, file.src_uri))
        if lesson_schema.lesson_kind(file.src_uri):
            lessons[file.src_uri] = meta
    for src_uri, message in lesson_schema.check_unique_modules(lessons).items():
        problems.append(f"{os.path.relpath(files.get_file_from_path(src_uri).abs_src_path, root)}: {message}")
    if problems:
        raise PluginError("Front matter does not follow the course schema:\n  " + "\n  ".join(problems))
    return files
