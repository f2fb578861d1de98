# Sourced by scripts/serve and scripts/test: a project-local virtual environment with the pinned packages.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NO_MKDOCS_2_WARNING=1   # Material's end-of-life banner
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! cmp -s requirements.txt .venv/.installed-requirements; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  cp requirements.txt .venv/.installed-requirements
fi
# The build draws the diagrams in a headless Chromium (hooks/diagrams.py) and the tests use one too: Debian's
# Chromium (or $CHROMIUM_PATH) when there is one, otherwise Playwright's own download (a laptop, GitHub Actions).
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ] && ! command -v chromium >/dev/null 2>&1; then
  .venv/bin/python -m playwright install chromium
fi
