"""Promise: a contributor's broken page fails the build with a message that names the file and what is wrong.

Each fixture in tests/fixtures/broken/ is one kind of mistake. The rules are pure functions, so each fixture is
first checked as a unit test against hooks/validate.py (fast). Then the real `mkdocs build --strict` runs on a few
temporary copies of the site (never on docs/): one holding every schema fixture at once, which must fail naming
every file (the validation stage reports all bad pages in one go), and one per later stage (links, diagrams).
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

import validate
from conftest import ROOT, SITE_SOURCES, build_site

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
    "placeholder.md": ("reference/placeholder.md", "placeholder text 'Your module title'"),
    "script-tag.md": ("reference/script-tag.md", "a <script> tag"),
    "event-handler.md": ("reference/event-handler.md", "an inline event handler"),
    "javascript-url.md": ("reference/javascript-url.md", "a javascript:, vbscript: or data: URL"),
    "iframe.md": ("reference/iframe.md", "an embedded frame or object"),
    "mermaid-html-label.md": ("reference/mermaid-html-label.md", "contains HTML in a label"),
    "diagram-without-title.md": ("reference/diagram-without-title.md", "has no accTitle"),
    "image-without-alt.md": ("reference/image-without-alt.md", "has no alt text"),
    "heading-skip.md": ("reference/heading-skip.md", "skips a level"),
    "empty-table-header.md": ("reference/empty-table-header.md", "has an empty cell"),
}
# Mistakes only a whole build can see: a clash between pages, links MkDocs resolves, a diagram Mermaid refuses.
BUILD_CASES = {
    "duplicate-module.md": ("modules/duplicate-module.md", "module: number 1 is already used by modules/01"),
    "broken-link.md": ("reference/broken-link.md", "'../modules/13-gossip.md', but the target"),
    "broken-anchor.md": ("reference/broken-anchor.md", "'#quantum-load-balancing'"),
    "invalid-mermaid.md": ("reference/invalid-mermaid.md", "diagram 1 cannot be drawn by Mermaid"),
    "too-wide-diagram.md": ("reference/too-wide-diagram.md", "diagram 2 (flowchart) is 1572 px wide, at most 917 px"),
}
CASES = {**SCHEMA_CASES, **BUILD_CASES}
# The copies of the site to build, each with the fixtures it holds. Schema fixtures all fail in one build.
BUILDS = {
    "schema": sorted(SCHEMA_CASES) + ["duplicate-module.md"],
    "links": ["broken-link.md", "broken-anchor.md"],
    "diagrams": ["invalid-mermaid.md", "too-wide-diagram.md"],
}


def test_every_fixture_file_has_a_case_and_a_build():
    assert sorted(p.name for p in FIXTURES.glob("*.md")) == sorted(CASES)
    assert sorted(name for names in BUILDS.values() for name in names) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(SCHEMA_CASES))
def test_schema_rule_rejects_the_fixture(name):
    destination, message = SCHEMA_CASES[name]
    _, problems = validate.page_problems(str(FIXTURES / name), destination)
    assert any(message in problem for problem in problems), problems


@pytest.fixture(scope="session")
def broken_builds(tmp_path_factory) -> dict:
    """Build each copy of the site once, two at a time."""
    def run(build: str):
        project = tmp_path_factory.mktemp(build)
        for name in SITE_SOURCES:
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
        for fixture in BUILDS[build]:
            target = project / "docs" / CASES[fixture][0]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(FIXTURES / fixture, target)
        return build, build_site(project, project / "site")

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(run, sorted(BUILDS)))


@pytest.mark.parametrize("build", sorted(BUILDS))
def test_broken_pages_fail_the_build_naming_each_file(broken_builds, build):
    result = broken_builds[build]
    assert result.returncode != 0, f"the {build} build passed:\n{result.output}"
    for fixture in BUILDS[build]:
        destination, message = CASES[fixture]
        assert f"docs/{destination}: " in result.output or destination in result.output, \
            f"the failure does not name {destination}:\n{result.output}"
        assert message in result.output, f"the failure does not say {message!r} for {fixture}:\n{result.output}"
    assert "Traceback" not in result.output, result.output
