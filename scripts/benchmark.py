"""Benchmark the built course: strict build time, then Lighthouse (mobile defaults) on every home, module and
problem page, served with gzip from localhost. Prints a Markdown table; not a test, numbers vary by machine.

    npm ci                                         # Lighthouse, pinned in package.json
    .venv/bin/python scripts/benchmark.py          # all pages
    .venv/bin/python scripts/benchmark.py modules/07-caching/   # some pages
    .venv/bin/python scripts/benchmark.py --preview    # live-reload rebuild against a full build

Uses Debian's Chromium (or $CHROME_PATH / $CHROMIUM_PATH) for Lighthouse.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from site_kit import CHROMIUM_FLAGS, build_site, chromium_executable, page_url_path  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for clients that accept it, as a production host would serve them."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or path.suffix not in COMPRESSIBLE or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def pages_to_measure(arguments: list[str]) -> list[str]:
    if arguments:
        return arguments
    docs = ROOT / "docs"
    sources = ["index.md"] + sorted(p.relative_to(docs).as_posix() for folder in ("modules", "problems")
                                    for p in (docs / folder).glob("*.md"))
    return [page_url_path(s) for s in sources]


def lighthouse(url: str, chrome: str) -> dict:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` first.")
    with tempfile.TemporaryDirectory() as profile:
        flags = " ".join(CHROMIUM_FLAGS + ["--headless=new", f"--user-data-dir={profile}"])
        result = subprocess.run(
            [str(binary), url, "--output=json", "--output-path=stdout", "--quiet",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
            capture_output=True, text=True, env=dict(os.environ, CHROME_PATH=chrome), timeout=300,
        )
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


PREVIEW_SOURCES = ("mkdocs.yml", "glossary.yml", "hooks", "overrides", "snippets", "vendor", "docs")


def preview_rebuild() -> tuple[float, float]:
    """Seconds for a full strict build, and for the rebuild `./scripts/serve` does after one page is saved (a dirty
    build, hooks/live_reload.py), on a copy of the sources. Both run as fresh processes, so both include Python's
    start-up, which the live server does not pay: the real preview is a little quicker than this."""
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for name in PREVIEW_SOURCES:
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
        started = time.perf_counter()
        full = build_site(project, project / "site")
        full_seconds = time.perf_counter() - started
        if full.returncode != 0:
            sys.exit(full.output)
        page = next((project / "docs" / "modules").glob("07-*.md"))
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence, as a contributor would add.\n",
                        encoding="utf-8")
        started = time.perf_counter()
        dirty = build_site(project, project / "site", "--dirty")
        dirty_seconds = time.perf_counter() - started
        if dirty.returncode != 0:
            sys.exit(dirty.output)
    return full_seconds, dirty_seconds


USAGE = """usage: scripts/benchmark.py [PAGE ...]   Lighthouse (mobile) on every page, or on the pages named
       scripts/benchmark.py --preview      a full build against a one-page rebuild, as ./scripts/serve does it"""


def main(arguments: list[str]) -> None:
    if any(argument.startswith("-") and argument != "--preview" for argument in arguments) or \
            ("--preview" in arguments and arguments != ["--preview"]):
        sys.exit(USAGE)
    if arguments == ["--preview"]:
        full, dirty = preview_rebuild()
        print(f"Full strict build: {full:.1f} s; rebuild after saving one page: {dirty:.1f} s "
              f"(ratio {dirty / full:.2f}, target ≤ 0.35)")
        return
    chrome = os.environ.get("CHROME_PATH") or chromium_executable(headless_shell=False)
    if not chrome:
        sys.exit("No Chromium found: install Debian's chromium or set CHROME_PATH.")
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        build = build_site(ROOT, Path(folder) / "site")
        seconds = time.perf_counter() - started
        if build.returncode != 0:
            sys.exit(build.output)
        handler = functools.partial(GzipHandler, directory=str(build.site))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        print(f"Strict build of the whole course: {seconds:.1f} s\n")
        # Bytes: everything transferred while the page loads, before the reader scrolls (Lighthouse never scrolls,
        # and diagrams below the first screen load lazily), compressed as served.
        print("| Page | Performance | Accessibility | Best practices | SEO | Total blocking time | Bytes |")
        print("|---|---|---|---|---|---|---|")
        for path in pages_to_measure(arguments):
            report = lighthouse(base + path, chrome)
            scores = [round(100 * report["categories"][c]["score"]) for c in CATEGORIES]
            blocking = report["audits"]["total-blocking-time"]["numericValue"]
            weight = report["audits"]["total-byte-weight"]["numericValue"] / 1024
            print(f"| {path or '(home)'} | " + " | ".join(map(str, scores)) + f" | {blocking:.0f} ms | {weight:.0f} KiB |",
                  flush=True)
        httpd.shutdown()


if __name__ == "__main__":
    main(sys.argv[1:])
