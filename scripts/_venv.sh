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

# Chromium: $CHROMIUM_PATH, or Debian's headless shell (/usr/bin/chromium-headless-shell: Chromium's engine without
# the browser around it, about half the processor time of the whole browser run headless), or Debian's chromium, or
# one on PATH (hooks/site_kit.py, chromium_executable). Where the headless shell is missing and Debian's packages can
# be installed (as root, or with sudo that asks no password), install it and the fonts the diagrams are measured with;
# where it cannot be had, use the whole browser if there is one; elsewhere (a laptop, GitHub Actions) use or download
# Playwright's own, whose headless runs use its headless shell. One line says which.
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
  local shell browser
  shell=$(command -v chromium-headless-shell || true)
  if [ -x /usr/bin/chromium-headless-shell ] || [ -n "$shell" ]; then
    echo "Chromium: ${shell:-/usr/bin/chromium-headless-shell} (already installed)"; return
  fi
  browser=$(command -v chromium || true)
  if [ ! -x /usr/bin/chromium ] && [ -z "$browser" ] &&
     compgen -G "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}/chromium_headless_shell-*" >/dev/null; then
    echo "Chromium: Playwright's own headless shell (already downloaded)"; return
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo -n"; fi
  if command -v apt-get >/dev/null 2>&1 && { [ -z "$sudo" ] || sudo -n true 2>/dev/null; }; then
    if DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >/dev/null 2>&1 &&
       DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium-headless-shell fonts-liberation \
         >/dev/null 2>&1; then
      echo "Chromium: installed Debian's chromium-headless-shell and fonts-liberation with apt-get"; return
    fi
    echo "Chromium: apt-get could not install Debian's chromium-headless-shell"
  fi
  if [ -x /usr/bin/chromium ] || [ -n "$browser" ]; then
    echo "Chromium: ${browser:-/usr/bin/chromium} (already installed; the tests take about twice as long with the" \
         "whole browser as with chromium-headless-shell)"; return
  fi
  echo "Chromium: none found or installed here; downloading Playwright's own"
  .venv/bin/python -m playwright install chromium
}
