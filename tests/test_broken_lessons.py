"""Promise: a contributor's broken page fails the build with a message that names the file and what is wrong.

Each fixture in tests/fixtures/broken/ is one kind of mistake. The rules are pure functions, so each fixture is
first checked as a unit test against hooks/validate.py (fast). Then the real `mkdocs build --strict` runs on a few
temporary copies of the site (never on docs/): one holding every schema fixture at once, which must fail naming
every file (the validation stage reports all bad pages in one go), one for the diagrams, which fail while pages
render, and one for the links and the published files, which are reported after every page has rendered.
"""

from __future__ import annotations

import posixpath
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

import validate
from conftest import ROOT, SITE_SOURCES, SITE_URL, build_site, once_per_run, serve_from

FIXTURES = ROOT / "tests" / "fixtures" / "broken"

# fixture file → (where it goes under docs/, what the failure message must say)
SCHEMA_CASES = {
    "bad-yaml.md": ("problems/bad-yaml.md", "front matter is not valid YAML"),
    "missing-description.md": ("problems/missing-description.md", "description: missing"),
    "description-too-long.md": ("problems/description-too-long.md", "description: 162 characters, at most 160"),
    "checklist-empty.md": ("problems/checklist-empty.md", "checklist: has 0 questions, needs 6 to 10"),
    "checklist-too-long.md": ("problems/checklist-too-long.md", "checklist: has 11 questions, needs 6 to 10"),
    "checklist-not-questions.md": ("problems/checklist-not-questions.md", "is not a question ending with '?'"),
    "thin-problem.md": ("problems/thin-problem.md", "needs at least 1800"),
    "no-phase-table.md": ("problems/no-phase-table.md", "needs the phase-timing table"),
    "phase-table-bad-time.md": ("problems/phase-table-bad-time.md", "write it as '5 min'"),
    "no-deep-dives-tip.md": ("problems/no-deep-dives-tip.md", 'needs a `!!! tip "Two deep dives for a 45-minute round"`'),
    "placeholder.md": ("reference/placeholder.md", "placeholder text 'Your module title'"),
    "mermaid-html-label.md": ("reference/mermaid-html-label.md", "contains HTML in a label"),
    "diagram-without-title.md": ("reference/diagram-without-title.md", "has no accTitle"),
    "image-without-alt.md": ("reference/image-without-alt.md", "has no alt text"),
    "heading-skip.md": ("reference/heading-skip.md", "skips a level"),
    "empty-table-header.md": ("reference/empty-table-header.md", "has an empty cell"),
    # Hostile input that the schema itself must name (issue 14).
    "unclosed-front-matter.md": ("reference/unclosed-front-matter.md", "front matter is not closed"),
    "date-title.md": ("reference/date-title.md", "title: must be text, but YAML reads datetime.date(2024, 5, 1) as a date"),
    "duplicate-key.md": ("reference/duplicate-key.md", "the key 'title' is given twice (lines 1 and 3)"),
    "unknown-key-typo.md": ("reference/unknown-key-typo.md", "descripton: unknown field; did you mean 'description'?"),
    "mermaid-brace-fence.md": ("reference/mermaid-brace-fence.md", "diagram 1 (flowchart) contains HTML in a label"),
    "snippet-not-utf8.md": ("../snippets/not-utf8.md", "is not UTF-8 text (byte 18)"),
}
# Mistakes only a whole build can see: a clash between pages, links MkDocs resolves, a diagram Mermaid refuses.
BUILD_CASES = {
    "duplicate-module.md": ("modules/duplicate-module.md", "module: number 1 is already used by modules/01"),
    "broken-link.md": ("reference/broken-link.md", "'../modules/13-gossip.md', but the target"),
    "broken-anchor.md": ("reference/broken-anchor.md", "'#quantum-load-balancing'"),
    "invalid-mermaid.md": ("reference/invalid-mermaid.md", "diagram 1 cannot be drawn by Mermaid"),
    "too-wide-diagram.md": ("reference/too-wide-diagram.md", "diagram 2 (flowchart) is 1572 px wide, at most 917 px"),
}
# What only the published files show (hooks/safety.py parses every built .html and .svg; issue 14), and files
# docs/ may not publish at all. Each must fail the build naming its source file.
HOSTILE_CASES = {
    "script-tag.md": ("reference/script-tag.md", "a <script> tag that is not one of the site's own"),
    "event-handler.md": ("reference/event-handler.md", "<a> has an inline event handler (onclick=…)"),
    "javascript-url.md": ("reference/javascript-url.md", "<a href> is a javascript: URL"),
    "iframe.md": ("reference/iframe.md", "an <iframe> element"),
    "handlers-without-space.md": ("reference/handlers-without-space.md", "<details> has an inline event handler (ontoggle=…)"),
    "escaped-backticks.md": ("reference/escaped-backticks.md", "<img> has an inline event handler (onerror=…)"),
    "attr-list-onclick.md": ("reference/attr-list-onclick.md", "sets 'onclick' on <p>; only #id and .class"),
    "attr-list-href.md": ("reference/attr-list-href.md", "sets 'href' on <a>; only #id and .class"),
    "reference-link.md": ("reference/reference-link.md", "<a href> is a javascript: URL ('javascript:alert(1)')"),
    "encoded-scheme.md": ("reference/encoded-scheme.md", "<a href> is a javascript: URL ('java\\tscript:alert(2)')"),
    "svg-animate.md": ("reference/svg-animate.md", "<animate values> is a javascript: URL"),
    "snippet-script.md": ("reference/snippet-script.md", "(with snippets/hostile-snippet.md)"),
    "hostile-snippet.md": ("../snippets/hostile-snippet.md", "a <script> tag that is not one of the site's own"),
    "script-image.svg": ("reference/script-image.svg", "a <script> element"),
    "raw-page.html": ("reference/raw-page.html", "cannot be published: docs/ may hold Markdown pages, images"),
}
# Hostile input the build may publish because it lands inert: escaped text, no script. Built once (the build must
# pass) and read in Chromium under the site's Content-Security-Policy (test_inert_fixtures_run_nothing). A
# `.front-matter.yml` replaces the front matter of the page it names; a `.glossary.yml` adds glossary entries.
INERT_CASES = {
    "hostile-front-matter.front-matter.yml": "problems/url-shortener.md",
    "hostile-glossary.glossary.yml": "../glossary.yml",
    "faq-comment-script.md": "reference/faq-comment-script.md",
    "worst-lines.md": "reference/worst-lines.md",
}
CASES = {**SCHEMA_CASES, **BUILD_CASES, **HOSTILE_CASES}
# The copies of the site to build, each with the fixtures it holds. Schema fixtures all fail in one build.
# Links MkDocs reports while it renders, and the published files after it: one build sees both.
BUILDS = {
    "schema": sorted(SCHEMA_CASES) + ["duplicate-module.md"],
    "diagrams": ["invalid-mermaid.md", "too-wide-diagram.md"],
    "links-and-hostile": ["broken-link.md", "broken-anchor.md"] + sorted(name for name in HOSTILE_CASES
                                                                        if name != "raw-page.html"),
}
BUILDS["schema"].append("raw-page.html")     # rejected with the schema problems, before anything renders
INERT = "inert"


def test_every_fixture_file_has_a_case_and_a_build():
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted([*CASES, *INERT_CASES])
    assert sorted(name for names in BUILDS.values() for name in names) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(SCHEMA_CASES))
def test_schema_rule_rejects_the_fixture(name):
    destination, message = SCHEMA_CASES[name]
    _, problems = validate.page_problems(str(FIXTURES / name), destination)
    assert any(message in problem for problem in problems), problems


# The tests that read these builds run in one worker process, so the builds are made once and no worker waits on them.
BROKEN_GROUP = pytest.mark.xdist_group("broken-builds")


@pytest.fixture(scope="session")
def broken_builds(pytestconfig) -> dict:
    """Build each copy of the site once per run, two at a time."""
    return once_per_run(pytestconfig, "broken", make_broken_builds)


def make_broken_builds(folder) -> dict:
    def run(build: str):
        project = folder / build
        project.mkdir(exist_ok=True)
        for name in SITE_SOURCES:
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
        fixtures = {name: INERT_CASES[name] for name in INERT_CASES} if build == INERT else \
            {name: CASES[name][0] for name in BUILDS[build]}
        for fixture, destination in fixtures.items():
            target = project / "docs" / destination          # "../snippets/x.md" lands in snippets/
            target.parent.mkdir(parents=True, exist_ok=True)
            if fixture.endswith(".front-matter.yml"):      # new front matter, the page's own body
                body = target.read_text(encoding="utf-8").split("\n---\n", 1)[1]
                target.write_text(f"---\n{(FIXTURES / fixture).read_text(encoding='utf-8')}---\n{body}", encoding="utf-8")
            elif fixture.endswith(".glossary.yml"):        # more glossary entries
                with target.open("a", encoding="utf-8") as glossary:
                    glossary.write("\n" + (FIXTURES / fixture).read_text(encoding="utf-8"))
            else:
                shutil.copy2(FIXTURES / fixture, target)
        return build, build_site(project, project / "site")

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(run, sorted([*BUILDS, INERT])))


@BROKEN_GROUP
@pytest.mark.parametrize("copy", sorted(BUILDS))
def test_broken_pages_fail_the_build_naming_each_file(broken_builds, copy):
    result = broken_builds[copy]
    assert result.returncode != 0, f"the {copy} build passed:\n{result.output}"
    for fixture in BUILDS[copy]:
        destination, message = CASES[fixture]
        destination = posixpath.normpath(f"docs/{destination}").removeprefix("docs/")
        assert f"docs/{destination}: " in result.output or destination in result.output, \
            f"the failure does not name {destination}:\n{result.output}"
        assert message in result.output, f"the failure does not say {message!r} for {fixture}:\n{result.output}"
    assert "Traceback" not in result.output, result.output


@BROKEN_GROUP
def test_inert_fixtures_build(broken_builds):
    result = broken_builds[INERT]
    assert result.returncode == 0, f"hostile input that must land inert failed the build:\n{result.output}"


@BROKEN_GROUP
def test_inert_fixtures_run_nothing(broken_builds, browser):
    """Every inert fixture's page in Chromium, under the site's Content-Security-Policy: the hostile text is shown
    as text, no element it spells out exists, no dialog opens, no script error and no CSP violation occurs, and
    the page keeps its header, search and palette (the FAQ's structured data did not swallow them)."""
    site = broken_builds[INERT].site
    assert broken_builds[INERT].returncode == 0, broken_builds[INERT].output
    context = browser.new_context()
    events: list[str] = []

    def route(route):
        if route.request.url.startswith(SITE_URL):
            status, body, kind = serve_from(site, route.request.url)
            route.fulfill(status=status, body=body, content_type=kind)
        else:
            events.append(f"request to another host: {route.request.url}")
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda dialog: (events.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: events.append(f"page error: {error}"))
    page.on("console", lambda message: events.append(f"console: {message.text}") if message.type == "error" else None)
    try:
        for path in ("", "problems/url-shortener/", "reference/glossary/", "reference/faq-comment-script/",
                     "reference/worst-lines/"):
            page.goto(SITE_URL + path, wait_until="load")
            page.wait_for_function("document.documentElement.classList.contains('js')")
            found = page.evaluate("""() => ({
                injected: document.querySelectorAll('img[src=x], svg[onload], [onerror], [onclick], [ontoggle], '
                    + 'a[href^="javascript:" i]').length,
                scripts: [...document.scripts].filter(s => !s.src && !s.type).map(s => s.text.slice(0, 40)),
                header: !!document.querySelector('[data-md-component=header]'),
                search: !!document.querySelector('[data-md-component=search]'),
                palette: !!document.querySelector('[data-md-component=palette]'),
                ld: [...document.querySelectorAll('script[type="application/ld+json"]')].map(s => JSON.parse(s.text)),
            })""")
            assert found["injected"] == 0, (path, found)
            assert found["header"] and found["search"] and found["palette"], (path, found)
            if path == "problems/url-shortener/":
                assert 'onerror=alert(1)> ](javascript:alert(2))' in page.title()
                assert "{: onclick=\"alert(6)\" }" in page.locator(".sd-checklist").text_content()
            if path == "reference/faq-comment-script/":
                assert "<!--<script>" in found["ld"][0]["mainEntity"][0]["name"]
            if path == "reference/glossary/":
                assert "<img src=x onerror=alert(8)>" in page.locator("article").text_content()
        assert not events, events
    finally:
        context.close()
