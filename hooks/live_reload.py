"""Fast previews: `./scripts/serve` rebuilds only the page that changed (`mkdocs serve --dirty`), and this hook keeps
everything that depends on other pages right.

A page's own edit touches that page only. But the navigation, the home page's course map and problem list, the
glossary page, the tooltips and prev/next links come from every page's front matter and from glossary.yml; when
any of those change, every page is rebuilt once (its built file is marked stale), so a dirty build never shows an
old title. The search index and assets/lessons.json keep the entries of the pages not rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

import lesson_schema

_state = {"dirty": False}
_RECORD = ".sd-dirty-build"
# MkDocs warns on every dirty build that navigation may be inaccurate; this hook is what keeps it accurate, and the
# warning would fail the strict build.
_DIRTY_WARNING = "A 'dirty' build is being performed"


class _DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (_state["dirty"] and record.getMessage().startswith(_DIRTY_WARNING))


def on_startup(*, command: str, dirty: bool) -> None:
    _state["dirty"] = dirty
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DropDirtyWarning) for f in logger.filters):
        logger.addFilter(_DropDirtyWarning())


# What every page depends on: all pages' front matter and file names, and glossary.yml.
def _signature(files: Files, config: MkDocsConfig) -> str:
    digest = hashlib.sha256()
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        try:
            meta, _ = lesson_schema.read_page(file.abs_src_path)
        except ValueError:
            meta = {"unreadable": os.path.getmtime(file.abs_src_path)}
        digest.update(json.dumps([file.src_uri, meta], sort_keys=True, default=str).encode())
    glossary = os.path.join(os.path.dirname(config.config_file_path or "."), lesson_schema.GLOSSARY_FILE)
    with open(glossary, "rb") as handle:
        digest.update(handle.read())
    return digest.hexdigest()


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if not _state["dirty"]:
        return files
    # The signature of the last dirty build is kept beside the pages it built (never in a clean, published build).
    record = os.path.join(config.site_dir, _RECORD)
    signature = _signature(files, config)
    previous = open(record, encoding="utf-8").read() if os.path.isfile(record) else None
    if previous is not None and previous != signature:
        for file in files.documentation_pages():
            if os.path.isfile(file.abs_dest_path):
                os.utime(file.abs_dest_path, (0, 0))   # older than any source: File.is_modified() says rebuild
    os.makedirs(config.site_dir, exist_ok=True)
    with open(record, "w", encoding="utf-8") as handle:
        handle.write(signature)
    return files
