"""Promise: building twice gives identical files, apart from the sitemap, whose <lastmod> dates (and the gzip
header of sitemap.xml.gz) carry the build date by design."""

from __future__ import annotations

import hashlib

from conftest import ROOT, build_site

DATED = {"sitemap.xml", "sitemap.xml.gz"}


def digests(site):
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and p.name not in DATED}


def test_building_twice_gives_identical_files(site, tmp_path):
    second = build_site(ROOT, tmp_path / "site")
    assert second.returncode == 0, second.output
    first, again = digests(site), digests(second.site)
    assert sorted(first) == sorted(again), "the two builds wrote different files"
    changed = [name for name in first if first[name] != again[name]]
    assert changed == [], f"files differ between two builds: {changed[:10]}"


def test_diagrams_drawn_from_two_empty_caches_are_identical(tmp_path, monkeypatch):
    """Drawing is where randomness hides (Mermaid's hand-drawn control points, counters that live as long as the
    browser page), and the build above reuses the diagram cache. So the hook draws one diagram of every kind the
    course uses (two sequence diagrams), in both palettes, into two empty caches: in page order with one browser,
    then in reverse order with a fresh one, so a drawing that depends on what was drawn before it shows up too.
    (Drawing a whole build's diagrams from an empty cache takes about half a minute; these dozen take seconds.)"""
    import types
    from concurrent.futures import ThreadPoolExecutor

    import diagrams
    import lesson_schema
    from conftest import DOCS, SOURCES

    chosen: dict[str, list[tuple[str, int, str]]] = {}
    for src_uri in SOURCES:
        body = lesson_schema.read_page(DOCS / src_uri)[1]
        for number, source in enumerate(lesson_schema.mermaid_blocks(body), 1):
            kind = lesson_schema.diagram_kind(source)
            found = chosen.setdefault(kind, [])
            # Two sequence diagrams (their ids counted on across drawings), one of every other kind.
            if len(found) < (2 if kind == "sequenceDiagram" else 1):
                found.append((src_uri, number, source))
    assert {"flowchart", "sequenceDiagram", "erDiagram", "stateDiagram-v2"} <= set(chosen), sorted(chosen)
    work = [item for items in chosen.values() for item in items]
    config = types.SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))

    def draw_all(cache, order):
        monkeypatch.setenv("SD_DIAGRAM_CACHE", str(cache))
        diagrams.on_startup(command="build", dirty=False)
        drawn = {}
        try:
            for src_uri, number, source in order:
                page = types.SimpleNamespace(file=types.SimpleNamespace(abs_src_path=str(DOCS / src_uri)))
                for suffix, theme, css in diagrams.PALETTES:
                    name, svg = diagrams._svg(page, config, number, source, theme, css, suffix)
                    assert svg, f"{src_uri}: diagram {number} was not drawn"
                    drawn[name] = svg
        finally:
            diagrams._close_browser()
        return drawn

    # The hook drives its own Playwright, which cannot share a thread with another sync Playwright.
    with ThreadPoolExecutor(max_workers=1) as worker:
        first = worker.submit(draw_all, tmp_path / "first", work).result()
        second = worker.submit(draw_all, tmp_path / "second", list(reversed(work))).result()
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert differ == [], f"{len(differ)} of {len(first)} drawings differ between two empty caches: {differ[:5]}"
