"""Promise: a fresh clone needs the README's two commands, CI runs the same test command, and the vendored
Mermaid is the pinned version it claims to be."""

import hashlib
import re

from conftest import ROOT


def readme_commands() -> list[str]:
    """The shell commands in the README's fenced `bash` blocks."""
    blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), re.DOTALL)
    return [line.split("#")[0].strip() for block in blocks for line in block.splitlines() if line.split("#")[0].strip()]


def test_readme_has_exactly_two_setup_commands():
    assert readme_commands() == ["./scripts/serve", "./scripts/test"]


def test_ci_runs_exactly_the_readme_test_command():
    lines = [l.strip() for l in (ROOT / ".ci" / "run").read_text().splitlines() if l.strip() and not l.startswith("#")]
    assert lines[-1] == readme_commands()[1]


def test_vendored_mermaid_matches_its_recorded_version_and_checksum():
    folder = ROOT / "vendor" / "mermaid"
    record = (folder / "VERSION.txt").read_text()
    version = re.search(r"^version:\s+(\S+)", record, re.MULTILINE).group(1)
    checksum = re.search(r"^sha256:\s+([0-9a-f]{64})", record, re.MULTILINE).group(1)
    library = (folder / "mermaid.min.js").read_bytes()
    assert hashlib.sha256(library).hexdigest() == checksum
    assert version.startswith("11.") and f'"{version}"'.encode() in library
    assert (folder / "LICENSE").read_text().startswith("The MIT License")


def test_every_python_dependency_is_pinned_exactly():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+\-]+", line), f"not pinned exactly: {line}"


def test_no_page_template_or_script_names_another_host_for_assets():
    pattern = re.compile(r"""(?:src|href)\s*=\s*["']https?://""")
    for path in list((ROOT / "overrides").rglob("*.html")) + list((ROOT / "docs" / "assets" / "javascripts").rglob("*.js")):
        assert not pattern.search(path.read_text()), f"{path} loads something from another host"
