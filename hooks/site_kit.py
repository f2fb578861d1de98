"""What the build hooks, the tests and the scripts share (not a hook itself): finding Chromium, building the site,
and answering a URL from the built files as GitHub Pages would."""

from __future__ import annotations

import mimetypes
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent

# Quiet, offline-friendly headless Chromium: no background requests, no first-run work.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"]

SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                     re.MULTILINE).group(1).rstrip("/") + "/"


def chromium_executable() -> str | None:
    """$CHROMIUM_PATH, else Debian's /usr/bin/chromium, else a `chromium` on PATH; None means Playwright's own
    download (a laptop, GitHub Actions)."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def launch(playwright, **options):
    """A headless Chromium through Playwright, the same one everywhere in the project."""
    return playwright.chromium.launch(executable_path=chromium_executable(), headless=True, args=CHROMIUM_FLAGS,
                                      **options)


@dataclass(frozen=True)
class Build:
    returncode: int
    output: str
    site: Path


def build_site(project: Path, site_dir: Path, *extra: str) -> Build:
    """Run the real `mkdocs build --strict` on a project folder, as a contributor would."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    return Build(result.returncode, result.stdout + result.stderr, site_dir)


def page_url_path(src_uri: str) -> str:
    """The URL path MkDocs gives a Markdown file (directory URLs): modules/01-x.md → modules/01-x/."""
    stem = src_uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def serve_from(site: Path, url: str) -> tuple[int, bytes, str]:
    """What GitHub Pages would answer for a URL under SITE_URL: the file, the folder's index.html, or a 404."""
    relative = unquote(urlsplit(url).path)[len(urlsplit(SITE_URL).path):]
    target = (site / relative).resolve()
    if target.is_dir():
        target = target / "index.html"
    if site.resolve() not in target.parents or not target.is_file():
        return 404, (site / "404.html").read_bytes(), "text/html"
    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    return 200, target.read_bytes(), kind
