"""Shared fixtures: the site is built once per test session and read by one shared browser at its real address."""

from __future__ import annotations

import os
import pickle
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from filelock import FileLock
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import lesson_schema  # noqa: E402  (the schema the build hooks use)
from site_kit import (  # noqa: E402,F401  (shared with the build hooks and scripts/)
    CHROMIUM_FLAGS, SITE_URL, Build, PagesServer, build_site, chromium_executable, launch, page_url_path, serve_from,
)


DOCS = ROOT / "docs"
# Every Markdown page by its path under docs/ (its src_uri), and the lessons (modules and problems) among them.
SOURCES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
LESSON_SOURCES = [s for s in SOURCES if lesson_schema.lesson_kind(s)]

# Everything `mkdocs build` reads: a copy of these is a complete copy of the site's source.
SITE_SOURCES = ("mkdocs.yml", "glossary.yml", "hooks", "overrides", "snippets", "vendor", "docs")


# ---- one run, one build ---------------------------------------------------------------------------------------------
# The suite runs in two pytest-xdist worker processes (pytest.ini). What every test shares (the built course) is made
# once per run, in a folder the controller creates and hands to each worker, and the build starts as soon as the
# tests are collected, in the background, while the tests that need no built site run first.

RUN_FOLDER = "sd_run_folder"


def pytest_configure(config):
    worker = getattr(config, "workerinput", None)
    config.sd_run = Path(worker[RUN_FOLDER]) if worker else Path(tempfile.mkdtemp(prefix="sd-tests-"))


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):
        shutil.rmtree(config.sd_run, ignore_errors=True)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """(xdist, in the controller) Every worker gets the run's shared folder."""
    node.workerinput[RUN_FOLDER] = str(node.config.sd_run)


def _lock(config, name: str) -> FileLock:
    # thread_local=False: the lock taken at collection is released by the thread that builds.
    return FileLock(str(config.sd_run / f"{name}.lock"), thread_local=False)


def _make_and_store(config, name: str, make):
    stored = config.sd_run / f"{name}.pickle"
    if stored.is_file():
        return pickle.loads(stored.read_bytes())
    folder = config.sd_run / name
    folder.mkdir(exist_ok=True)
    result = make(folder)
    partial = stored.with_suffix(".part")
    partial.write_bytes(pickle.dumps(result))
    os.replace(partial, stored)
    return result


def once_per_run(config, name: str, make):
    """make(folder)'s result, made once per run however many workers ask: the first to ask makes it under a file
    lock in the run's folder and stores it; the others wait on the lock, then read it."""
    with _lock(config, name):
        return _make_and_store(config, name, make)


def _build_course(folder: Path) -> Build:
    return build_site(ROOT, folder / "site")


def _course_site(config) -> Path:
    """Where _build_course puts the built course (once_per_run's folder for "site", then site/)."""
    return config.sd_run / "site" / "site"


def _needs_site(item) -> bool:
    return "build" in getattr(item, "fixturenames", ())


# Files whose tests include the longest ones (whole builds, the Nu checker, axe on the longest pages): started first,
# so the two workers do not end with one of them alone on a long test.
LONGEST_FIRST = ["test_broken_lessons", "test_determinism", "test_live_reload", "test_diagrams", "test_html_valid",
                 "test_accessibility", "test_downloads"]


def _order(item) -> tuple:
    module = item.module.__name__ if getattr(item, "module", None) else ""
    weight = LONGEST_FIRST.index(module) if module in LONGEST_FIRST else len(LONGEST_FIRST)
    return _needs_site(item), weight


def pytest_collection_modifyitems(config, items):
    """Tests that need no built site first, the longest files first within each part (stable otherwise); the first
    worker starts the build in the background at once, holding the lock the `build` fixture waits on, so both
    processors work while the course builds."""
    items.sort(key=_order)
    worker = getattr(config, "workerinput", {}).get("workerid", "gw0")
    if worker == "gw0" and not config.option.collectonly and any(_needs_site(item) for item in items):
        lock = _lock(config, "site")
        lock.acquire()

        def build_then_release():
            try:
                _make_and_store(config, "site", _build_course)
            finally:
                lock.release()

        config.sd_building = threading.Thread(target=build_then_release, name="course build", daemon=True)
        config.sd_building.start()


@pytest.fixture(scope="session")
def build(pytestconfig) -> Build:
    """The course built once per run, in strict mode, into the run's folder (shared by the xdist workers)."""
    building = getattr(pytestconfig, "sd_building", None)
    if building is not None:          # this process is building it: wait for that thread, not on the lock it holds
        building.join()
    return once_per_run(pytestconfig, "site", _build_course)


@pytest.fixture(scope="session")
def site(build) -> Path:
    """The built site's folder; tests that need it are skipped-by-failure if the build broke."""
    assert build.returncode == 0, f"the site does not build:\n{build.output}"
    return build.site


@pytest.fixture(scope="session")
def lessons() -> dict[str, dict]:
    """Every lesson's front matter, keyed by its path under docs/."""
    return {src_uri: lesson_schema.read_page(DOCS / src_uri)[0] for src_uri in LESSON_SOURCES}


@pytest.fixture(scope="session")
def pages(pytestconfig) -> PagesServer:
    """The built course at its real address, served over HTTPS from this process as GitHub Pages would serve it
    (hooks/site_kit.py); it starts before the build ends, and answers from the files as they are when asked."""
    server = PagesServer(_course_site(pytestconfig))
    yield server
    server.close()


@pytest.fixture(scope="session")
def browser(pages):
    """One headless Chromium for the whole session, with a fresh profile; SITE_URL's host is `pages`, and no other
    host resolves."""
    with sync_playwright() as playwright:
        browser = launch(playwright, *pages.browser_args)
        yield browser
        browser.close()


@dataclass
class Reader:
    """A browser tab on the built site at its real address (SITE_URL): requests to that address are answered from
    the built files, as GitHub Pages would (the `pages` server); requests to any other host fail and are recorded."""

    page: object
    external_requests: list
    errors: list
    csp_violations: list = field(default_factory=list)   # the site's Content-Security-Policy refused something

    def open(self, path: str):
        self.page.goto(SITE_URL + path.lstrip("/"), wait_until="load")
        return self.page


# Reported by the page itself, so a violation the browser does not log is seen too.
CSP_LISTENER = """document.addEventListener("securitypolicyviolation", function (event) {
  console.error("CSP violation: " + event.violatedDirective + " blocked " + (event.blockedURI || "inline") +
                " at " + event.sourceFile + ":" + event.lineNumber);
});"""


def is_csp_violation(text: str) -> bool:
    """A console message saying the Content-Security-Policy refused something (Chromium's, or CSP_LISTENER's)."""
    return "Content Security Policy" in text or text.startswith("CSP violation")


@pytest.fixture
def open_reader(browser, site):
    """Factory: a fresh browser context (light or dark system preference) on the built site."""
    contexts = []

    def make(color_scheme: str = "light", size: tuple[int, int] = (1280, 900), touch: bool = False) -> Reader:
        # touch=True: a phone (touch events, mobile viewport rules), as tests/test_reader.py uses at 412×915.
        context = browser.new_context(color_scheme=color_scheme, viewport={"width": size[0], "height": size[1]},
                                      has_touch=touch, is_mobile=touch)
        contexts.append(context)
        external: list[str] = []
        errors: list[str] = []
        # No other host resolves in this browser (`pages`); any request for one is recorded here.
        context.on("request", lambda request: None if request.url.startswith((SITE_URL, "data:", "blob:"))
                   else external.append(request.url))
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        reader = Reader(page, external, errors)
        # Every page runs under the site's Content-Security-Policy (hooks/safety.py); any violation fails the test.
        page.on("console", lambda message: reader.csp_violations.append(message.text)
                if is_csp_violation(message.text) else None)
        readers.append(reader)
        return reader

    readers: list[Reader] = []
    yield make
    for context in contexts:
        context.close()
    violations = [text for reader in readers for text in reader.csp_violations]
    assert not violations, f"the site's Content-Security-Policy was violated: {violations}"


@pytest.fixture
def reader(open_reader) -> Reader:
    return open_reader("light")


def text_of(locator) -> str:
    """An element's words, spaces collapsed. Reads the DOM text, not innerText: lesson sections far off screen are
    not rendered yet (content-visibility: auto, hooks/sections.py), and unrendered elements have no innerText."""
    return " ".join((locator.text_content() or "").split())
