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
    """$CHROMIUM_PATH when it is set (even if wrong: a mistyped path is reported, not silently replaced), else
    Debian's /usr/bin/chromium, else a `chromium` on PATH; None means Playwright's own download (a laptop, GitHub
    Actions)."""
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class ChromiumUnavailable(RuntimeError):
    """No Chromium can run here; the message says where the project looked and what to do."""


HOW_TO_GET_CHROMIUM = ("install Debian's (`apt-get install chromium fonts-liberation`, which gives /usr/bin/chromium), "
                       "set $CHROMIUM_PATH to a Chromium or Chrome executable, or let Playwright download its own "
                       "(`.venv/bin/python -m playwright install chromium`)")


def chromium_version(timeout: float = 20) -> tuple[str, str]:
    """(executable, version line) of the Chromium that launch() will start, found without starting Playwright's
    browser. Raises ChromiumUnavailable, naming Chromium, /usr/bin/chromium and $CHROMIUM_PATH, if there is none or
    it does not run."""
    executable = chromium_executable()
    if executable is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            executable = playwright.chromium.executable_path
        if not Path(executable).exists():
            raise ChromiumUnavailable(
                "Chromium was not found: $CHROMIUM_PATH is not set, /usr/bin/chromium does not exist, there is no "
                f"`chromium` on PATH and Playwright has not downloaded its own. To draw the diagrams, {HOW_TO_GET_CHROMIUM}.")
    elif not Path(executable).is_file():
        raise ChromiumUnavailable(f"Chromium was not found: $CHROMIUM_PATH is {executable}, which does not exist "
                                  f"(/usr/bin/chromium is not used while $CHROMIUM_PATH is set). Fix or unset "
                                  f"$CHROMIUM_PATH, or {HOW_TO_GET_CHROMIUM}.")
    try:
        result = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ChromiumUnavailable(f"Chromium ({executable}) did not answer `--version` within {timeout:.0f} s: the "
                                  "browser hangs. Point $CHROMIUM_PATH to a working Chromium, or "
                                  f"{HOW_TO_GET_CHROMIUM}.") from None
    except OSError as error:
        raise ChromiumUnavailable(f"Chromium ({executable}) cannot be started: {error.strerror}. Point "
                                  f"$CHROMIUM_PATH to a working Chromium, or {HOW_TO_GET_CHROMIUM}.") from None
    version = result.stdout.strip().splitlines()[0] if result.stdout.strip() else ""
    if result.returncode != 0 or not version:
        said = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise ChromiumUnavailable(f"Chromium ({executable}) does not run: `--version` exited with {result.returncode} "
                                  f"({said}). Point $CHROMIUM_PATH to a working Chromium, or {HOW_TO_GET_CHROMIUM}.")
    return executable, version


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
