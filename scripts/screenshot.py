"""Take the README's screenshot of module 01: build the site, serve it on loopback, photograph it in Chromium.

Run with the test environment: .venv/bin/python scripts/screenshot.py
"""

from __future__ import annotations

import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from playwright.sync_api import sync_playwright  # noqa: E402

from site_kit import CHROMIUM_FLAGS, build_site, chromium_executable  # noqa: E402

OUTPUT = ROOT / ".github" / "readme" / "module-01.png"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        build = build_site(ROOT, Path(folder) / "site")
        if build.returncode != 0:
            sys.exit(build.output)
        handler = functools.partial(_Quiet, directory=str(build.site))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800}, color_scheme="light")
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/modules/01-what-is-system-design/")
            page.wait_for_function("document.fonts.status === 'loaded'")
            page.locator("h1").wait_for()
            page.screenshot(path=str(OUTPUT), animations="disabled")
            browser.close()
        httpd.shutdown()
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
