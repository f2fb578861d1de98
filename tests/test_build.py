"""Promise: the course builds in strict mode with zero warnings, and every lesson becomes a page."""

import re

import lesson_schema
from conftest import ROOT, page_url_path


def test_site_builds_in_strict_mode_without_warnings(build):
    assert build.returncode == 0, build.output
    # MkDocs prints each record as "LEVEL    -  message"; plugins' INFO lines may quote the word WARNING.
    warnings = [line for line in build.output.splitlines() if re.match(r"(WARNING|ERROR)\s+-", line)]
    assert warnings == [], "\n".join(warnings)


def test_every_markdown_page_becomes_an_html_page(site):
    for path in sorted((ROOT / "docs").rglob("*.md")):
        src_uri = path.relative_to(ROOT / "docs").as_posix()
        assert (site / page_url_path(src_uri) / "index.html").is_file(), f"{src_uri} was not built"


def test_every_module_number_is_published_once(lessons):
    numbers = sorted(meta["module"] for meta in lessons.values() if "module" in meta)
    assert numbers == list(range(1, lesson_schema.MODULE_COUNT + 1)), f"published module numbers: {numbers}"
