# Sourced by scripts/serve and scripts/test: a project-local virtual environment with the pinned packages, and a
# Chromium for the build (it draws the diagrams) and the browser tests.
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

# Chromium: $CHROMIUM_PATH, or Debian's, or one on PATH. Where there is none and Debian's packages can be installed
# (as root, or with sudo that asks no password), install Debian's chromium and the fonts the diagrams are measured
# with; elsewhere (a laptop, GitHub Actions) let Playwright download its own. One line says which.
# `sd_ensure_chromium optional` (scripts/serve) never stops: where no Chromium can be had, the preview draws the
# diagrams in the contributor's browser instead (hooks/diagrams.py).
sd_ensure_chromium() {
  if [ "${1:-}" = optional ]; then
    ( sd_ensure_chromium ) || echo "Chromium: none could be installed; the preview draws diagrams in your browser"
    return 0
  fi
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then
    echo "Chromium: ${CHROMIUM_PATH} (\$CHROMIUM_PATH)"; return
  fi
  local found
  found=$(command -v chromium || true)
  if [ -x /usr/bin/chromium ] || [ -n "$found" ]; then
    echo "Chromium: ${found:-/usr/bin/chromium} (already installed)"; return
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo -n"; fi
  if command -v apt-get >/dev/null 2>&1 && { [ -z "$sudo" ] || sudo -n true 2>/dev/null; }; then
    echo "Chromium: installing Debian's chromium and fonts-liberation with apt-get"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-liberation >/dev/null
  else
    echo "Chromium: none found and apt-get is not usable here; downloading Playwright's own"
    .venv/bin/python -m playwright install chromium
  fi
}
