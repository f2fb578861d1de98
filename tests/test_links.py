"""Promise: every internal href and src in the built site resolves to a file, and every #fragment to an element id.

This reads the HTML MkDocs wrote, so it also checks links written in raw HTML, in templates and added by hooks,
which MkDocs' own validation does not see. External links are not fetched.
"""

from __future__ import annotations

import html.parser
import posixpath
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import SITE_URL

LINK_ATTRIBUTES = {"href", "src", "poster", "data", "action"}


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name"):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES:
                self.links.append((tag, value))
            elif name == "srcset":
                self.links.extend((tag, part.split()[0]) for part in value.split(",") if part.strip())


@lru_cache(maxsize=None)
def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def resolve(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to, or None for external and non-file links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:")):
        return None
    page_dir = "/" + page.parent.relative_to(site).as_posix()
    path = unquote(parts.path)
    if path.startswith("/"):
        # Root-relative links (Material's 404 page uses them) are relative to the site's address, not the host.
        site_path = urlsplit(SITE_URL).path
        path = "/" + path[len(site_path):] if path.startswith(site_path) else "/../outside-the-site" + path
    target = posixpath.normpath(posixpath.join(page_dir, path)) if path else "/" + page.relative_to(site).as_posix()
    file = site / target.lstrip("/")
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, unquote(parts.fragment)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_built_site_has_pages(site):
    assert len(html_pages(site)) >= 13


def test_every_internal_link_resolves(site):
    broken = []
    for page in html_pages(site):
        for tag, link in parse(page).links:
            target = resolve(site, page, link)
            if target and not target[0].is_file():
                broken.append(f"{page.relative_to(site)}: <{tag}> {link} → missing {target[0].relative_to(site)}")
    assert broken == [], "\n".join(broken)


def test_every_fragment_names_an_element_on_the_target_page(site):
    broken = []
    for page in html_pages(site):
        for tag, link in parse(page).links:
            target = resolve(site, page, link)
            if not target or not target[1] or not target[0].is_file() or target[0].suffix != ".html":
                continue
            file, fragment = target
            if fragment not in parse(file).ids:
                broken.append(f"{page.relative_to(site)}: <{tag}> {link} → no id {fragment!r} in {file.relative_to(site)}")
    assert broken == [], "\n".join(broken)


@pytest.mark.parametrize("link, expected", [
    ("../01-x/", "modules/01-x/index.html"),
    ("/course/assets/a.js", "assets/a.js"),
    ("#top", "modules/05/index.html"),
    ("../../assets/a.js", "assets/a.js"),
    ("https://example.com/", None),
])
def test_resolver_maps_links_like_a_browser(tmp_path, link, expected):
    page = tmp_path / "modules" / "05" / "index.html"
    result = resolve(tmp_path, page, link)
    assert (result[0].relative_to(tmp_path).as_posix() if result else None) == expected
