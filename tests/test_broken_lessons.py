"""Promise: a contributor's broken page fails the build with a message that names the file and what is wrong.

Each fixture in tests/fixtures/broken/ is one kind of mistake. It is copied into a temporary copy of the whole
site (never into docs/), the real `mkdocs build --strict` runs there, and the build must fail naming the file.
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT, SITE_SOURCES, build_site

FIXTURES = ROOT / "tests" / "fixtures" / "broken"

# fixture file → (where it goes under docs/, what the failure message must say)
CASES = {
    "bad-yaml.md": ("problems/bad-yaml.md", "front matter is not valid YAML"),
    "missing-description.md": ("problems/missing-description.md", "description: missing"),
    "description-too-long.md": ("problems/description-too-long.md", "description: 162 characters, at most 160"),
    "duplicate-module.md": ("modules/duplicate-module.md", "module: number 1 is already used by modules/01"),
    "checklist-empty.md": ("problems/checklist-empty.md", "checklist: has 0 questions, needs 6 to 10"),
    "checklist-too-long.md": ("problems/checklist-too-long.md", "checklist: has 11 questions, needs 6 to 10"),
    "checklist-not-questions.md": ("problems/checklist-not-questions.md", "is not a question ending with '?'"),
    "thin-problem.md": ("problems/thin-problem.md", "needs at least 1800"),
    "broken-link.md": ("reference/broken-link.md", "'../modules/13-gossip.md', but the target"),
    "broken-anchor.md": ("reference/broken-anchor.md", "'#quantum-load-balancing'"),
    "script-tag.md": ("reference/script-tag.md", "a <script> tag"),
    "event-handler.md": ("reference/event-handler.md", "an inline event handler"),
    "javascript-url.md": ("reference/javascript-url.md", "a javascript:, vbscript: or data: URL"),
    "iframe.md": ("reference/iframe.md", "an embedded frame or object"),
    "mermaid-html-label.md": ("reference/mermaid-html-label.md", "contains HTML in a label"),
    "diagram-without-title.md": ("reference/diagram-without-title.md", "has no accTitle"),
    "invalid-mermaid.md": ("reference/invalid-mermaid.md", "diagram 1 cannot be drawn by Mermaid"),
    "image-without-alt.md": ("reference/image-without-alt.md", "has no alt text"),
    "heading-skip.md": ("reference/heading-skip.md", "skips a level"),
    "empty-table-header.md": ("reference/empty-table-header.md", "has an empty cell"),
}


def test_every_fixture_file_has_a_case():
    assert sorted(p.name for p in FIXTURES.glob("*.md")) == sorted(CASES)


@pytest.fixture(scope="session")
def broken_builds(tmp_path_factory) -> dict:
    """Build the site once per fixture, two builds at a time, each in its own temporary copy."""
    base = tmp_path_factory.mktemp("pristine")
    for name in SITE_SOURCES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, base / name)

    def run(name: str):
        destination, _ = CASES[name]
        project = tmp_path_factory.mktemp(Path(name).stem)
        shutil.copytree(base, project, dirs_exist_ok=True)
        target = project / "docs" / destination
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(FIXTURES / name, target)
        return name, build_site(project, project / "site")

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(run, sorted(CASES)))


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_page_fails_the_build_naming_the_file(broken_builds, name):
    destination, message = CASES[name]
    result = broken_builds[name]
    assert result.returncode != 0, f"{name} built without complaint:\n{result.output}"
    assert destination in result.output, f"the failure does not name {destination}:\n{result.output}"
    assert message in result.output, f"the failure does not say {message!r}:\n{result.output}"
