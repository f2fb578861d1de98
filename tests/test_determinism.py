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
