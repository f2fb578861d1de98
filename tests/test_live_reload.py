"""Promise: while a contributor previews (`./scripts/serve`, a dirty build), an edit to one page rebuilds that page
only, and a change to front matter still updates the navigation and the home page everywhere."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, SITE_SOURCES, build_site

MODULE = "docs/modules/07-caching.md"
# Both tests edit one copy of the sources, in order, in one worker process.
pytestmark = pytest.mark.xdist_group("preview")


@pytest.fixture(scope="module")
def preview(site, tmp_path_factory):
    """A copy of the sources with a copy of the session's built site, as a preview server would have them."""
    project = tmp_path_factory.mktemp("preview")
    for name in SITE_SOURCES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
    shutil.copytree(site, project / "site")
    return project


def built_pages(site):
    """Each built page's bytes. (Not its modification time: hooks/downloads.py rewrites every page's footer with the
    downloads' sizes after each build, rendered or not.)"""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("index.html")}


def test_an_edit_to_one_page_rebuilds_that_page_only(preview):
    before = built_pages(preview / "site")
    page = preview / MODULE
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added while previewing.\n", encoding="utf-8")
    result = build_site(preview, preview / "site", "--dirty")
    assert result.returncode == 0, result.output
    after = built_pages(preview / "site")
    assert [name for name in after if after[name] != before[name]] == ["modules/07-caching/index.html"]
    assert "A sentence added while previewing." in (preview / "site/modules/07-caching/index.html").read_text()


def test_a_new_title_reaches_every_page_in_a_dirty_build(preview):
    page = preview / MODULE
    text = page.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("title: "))[len("title: "):]
    page.write_text(text.replace(f"title: {old}", "title: Caching, renamed while previewing", 1), encoding="utf-8")
    result = build_site(preview, preview / "site", "--dirty")
    assert result.returncode == 0, result.output
    for other in ("index.html", "modules/01-what-is-system-design/index.html"):
        assert "Caching, renamed while previewing" in (preview / "site" / other).read_text(encoding="utf-8"), other
