"""What the build hooks, the tests and the scripts share (not a hook itself): finding Chromium, building the site,
and answering a URL from the built files as GitHub Pages would."""

from __future__ import annotations

import base64
import hashlib
import http.server
import mimetypes
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent

# Quiet, offline-friendly headless Chromium: no background requests, no first-run work.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"]

SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                     re.MULTILINE).group(1).rstrip("/") + "/"


# Debian's headless shell is Chromium's engine without the browser around it: the same pages, the same drawings, about
# half the processor time of the full browser run headless. Playwright's own download runs it for headless work too.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
DEBIAN_CHROMIUM = "/usr/bin/chromium"


def chromium_executable(headless_shell: bool = True) -> str | None:
    """$CHROMIUM_PATH when it is set (even if wrong: a mistyped path is reported, not silently replaced), else Debian's
    headless shell (/usr/bin/chromium-headless-shell; not with headless_shell=False, for Lighthouse, which measures
    a whole browser), else Debian's /usr/bin/chromium, else a `chromium` on PATH; None means Playwright's own
    download (a laptop, GitHub Actions)."""
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    shells = (HEADLESS_SHELL, shutil.which("chromium-headless-shell")) if headless_shell else ()
    for candidate in (*shells, DEBIAN_CHROMIUM, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class ChromiumUnavailable(RuntimeError):
    """No Chromium can run here; the message says where the project looked and what to do."""


HOW_TO_GET_CHROMIUM = ("install Debian's (`apt-get install chromium-headless-shell fonts-liberation`, which gives "
                       "/usr/bin/chromium-headless-shell, or the whole browser, `chromium`), "
                       "set $CHROMIUM_PATH to a Chromium or Chrome executable, or let Playwright download its own "
                       "(`.venv/bin/python -m playwright install chromium`)")


def chromium_version(timeout: float = 20) -> tuple[str, str]:
    """(executable, version line) of the Chromium that launch() will start, found without starting Playwright's
    browser. Raises ChromiumUnavailable, naming Chromium, Debian's two paths and $CHROMIUM_PATH, if there is none
    or it does not run."""
    executable = chromium_executable()
    if executable is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            executable = playwright.chromium.executable_path
        if not Path(executable).exists():
            raise ChromiumUnavailable(
                "Chromium was not found: $CHROMIUM_PATH is not set, neither /usr/bin/chromium-headless-shell nor "
                "/usr/bin/chromium exists, there is no `chromium` on PATH and Playwright has not downloaded its own. "
                f"To draw the diagrams, {HOW_TO_GET_CHROMIUM}.")
    elif not Path(executable).is_file():
        raise ChromiumUnavailable(f"Chromium was not found: $CHROMIUM_PATH is {executable}, which does not exist "
                                  "(Debian's /usr/bin/chromium-headless-shell and /usr/bin/chromium are not used "
                                  "while $CHROMIUM_PATH is set). Fix or unset $CHROMIUM_PATH, or "
                                  f"{HOW_TO_GET_CHROMIUM}.")
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


def launch(playwright, *extra_args: str, **options):
    """A headless Chromium through Playwright, the same one everywhere in the project."""
    return playwright.chromium.launch(executable_path=chromium_executable(), headless=True,
                                      args=[*CHROMIUM_FLAGS, *extra_args], **options)


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


# Every response of GitHub Pages may be kept by the browser for ten minutes; so may ours.
PAGES_CACHE_CONTROL = "max-age=600"


class PagesServer:
    """The built site at its real address for a browser on this machine: an HTTPS server on 127.0.0.1 answers as
    GitHub Pages would (serve_from, with its Cache-Control), under a certificate made for this server alone, and a
    browser launched with `browser_args` reaches SITE_URL's host here and no other host at all (every other name
    fails to resolve; the address 127.0.0.1 itself stays reachable). The browser caches what it is sent, as a
    reader's does, which intercepting each request in Playwright would not allow.

    `site` may not exist yet: each request reads the files as they are then."""

    def __init__(self, site: Path):
        self.site = Path(site)
        self._folder = Path(tempfile.mkdtemp(prefix="sd-pages-"))
        key, cert = self._folder / "key.pem", self._folder / "cert.pem"
        host = urlsplit(SITE_URL).hostname
        try:
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                            "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", f"/CN={host}",
                            "-addext", f"subjectAltName=DNS:{host}"], check=True, capture_output=True, timeout=60)
            public = subprocess.run(["openssl", "pkey", "-in", str(key), "-pubout", "-outform", "DER"], check=True,
                                    capture_output=True, timeout=60).stdout
        except (OSError, subprocess.SubprocessError) as error:
            raise RuntimeError(f"the test server needs `openssl` to make its certificate ({error}); install Debian's "
                               "`openssl` package") from None
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(cert, key)
        served = self.site

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"          # keep-alive: one TLS handshake per connection, not per file

            def setup(self):
                self.request = tls.wrap_socket(self.request, server_side=True)   # in this connection's thread
                super().setup()

            def do_GET(self, head: bool = False):
                status, body, kind = serve_from(served, urlunsplit(("https", host, self.path, "", "")))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", PAGES_CACHE_CONTROL)
                self.end_headers()
                if not head:
                    self.wfile.write(body)

            def do_HEAD(self):
                self.do_GET(head=True)

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                if not isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError, TimeoutError)):
                    super().handle_error(request, client_address)   # a closed tab is not an error; a bug is

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = port = self._server.server_address[1]
        spki = base64.b64encode(hashlib.sha256(public).digest()).decode()
        self.browser_args = [f"--host-resolver-rules=MAP {host} 127.0.0.1:{port}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                             f"--ignore-certificate-errors-spki-list={spki}"]
        threading.Thread(target=self._server.serve_forever, name="pages server", daemon=True).start()

    def close(self):
        self._server.shutdown()
        self._server.server_close()
        shutil.rmtree(self._folder, ignore_errors=True)
