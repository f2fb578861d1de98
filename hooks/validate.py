"""Stage 1 of the build: check every page's source against hooks/lesson_schema.py before anything is rendered.

Front matter, page anatomy, placeholders, the phase table, unsafe HTML, diagrams' text alternatives: every rule
is a pure function in lesson_schema.py (the tests call the same functions). All pages are checked and every
problem of every page is reported in one message, each line naming the file, so a contributor fixes them in one go.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

import lesson_schema


def page_problems(path: str, src_uri: str) -> tuple[dict | None, list[str]]:
    """One page's front matter (None if unreadable) and every problem the schema finds in it."""
    size = os.path.getsize(path)
    if size > lesson_schema.MAX_PAGE_BYTES:
        return None, [f"is {size:,} bytes, at most {lesson_schema.MAX_PAGE_BYTES:,} allowed: split it into pages"]
    try:
        meta, body = lesson_schema.read_page(path)
    except UnicodeDecodeError as error:
        return None, [f"is not UTF-8 text (byte {error.start}): save it as UTF-8"]
    except ValueError as error:
        return None, [str(error)]
    problems = lesson_schema.check_front_matter(meta, src_uri)
    problems += lesson_schema.check_placeholders(meta, body)
    problems += lesson_schema.check_page_body(body)
    kind = lesson_schema.lesson_kind(src_uri)
    if kind:
        problems += lesson_schema.check_anatomy(body, kind)
        problems += lesson_schema.check_editorial(body, kind)
    else:
        problems += lesson_schema.check_phase_table(body, required=False)
    return meta, problems


def snippet_problems(config: MkDocsConfig, root: str) -> list[str]:
    """Problems of the files pymdownx.snippets may include: each named by its own path."""
    options = config.mdx_configs.get("pymdownx.snippets", {})
    problems = []
    for base in options.get("base_path", ["."]):
        folder = os.path.join(root, base)
        if os.path.abspath(folder) == os.path.abspath(root):
            continue
        for directory, _, names in sorted(os.walk(folder)):
            for name in sorted(names):
                path = os.path.join(directory, name)
                shown = os.path.relpath(path, root)
                if os.path.getsize(path) > lesson_schema.MAX_PAGE_BYTES:
                    problems.append(f"{shown}: is {os.path.getsize(path):,} bytes, at most "
                                    f"{lesson_schema.MAX_PAGE_BYTES:,} allowed")
                    continue
                try:
                    with open(path, encoding="utf-8") as handle:
                        handle.read()
                except UnicodeDecodeError as error:
                    problems.append(f"{shown}: is not UTF-8 text (byte {error.start}): save it as UTF-8")
    return problems


# Every Markdown page must follow the schema; module numbers must be unique.
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    root = os.path.dirname(config.config_file_path or ".")
    report: list[str] = []
    lessons: dict[str, dict] = {}
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        shown = os.path.relpath(file.abs_src_path, root)
        meta, problems = page_problems(file.abs_src_path, file.src_uri)
        report.extend(f"{shown}: {problem}" for problem in problems)
        if meta is not None and lesson_schema.lesson_kind(file.src_uri):
            lessons[file.src_uri] = meta
    # Everything else in docs/ is published as it is: only images and the site's own assets may be there.
    own_assets = {str(getattr(entry, "path", entry)) for entry in [*config.extra_css, *config.extra_javascript]}
    for file in sorted(files, key=lambda f: f.src_uri):
        if file.is_documentation_page() or not file.abs_src_path or not file.abs_src_path.startswith(
                os.path.abspath(config.docs_dir) + os.sep):
            continue
        with open(file.abs_src_path, "rb") as handle:
            head = handle.read(16)
        shown = os.path.relpath(file.abs_src_path, root)
        report.extend(f"{shown}: {problem}" for problem in lesson_schema.check_docs_file(file.src_uri, head, own_assets))
    # Snippets (--8<--) are read by Markdown as pages are: UTF-8, within the size limit, named when they are not.
    report.extend(snippet_problems(config, root))
    for src_uri, message in lesson_schema.check_unique_modules(lessons).items():
        report.append(f"{os.path.relpath(files.get_file_from_path(src_uri).abs_src_path, root)}: {message}")
    if report:
        pages = len({line.split(": ", 1)[0] for line in report})
        raise PluginError(f"{pages} page(s) do not follow the course schema (hooks/lesson_schema.py):\n  "
                          + "\n  ".join(report))
    return files
