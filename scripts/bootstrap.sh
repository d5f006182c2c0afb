#!/usr/bin/env bash
# Create .venv from the committed lock file (pinned versions, no resolver surprises).
# Installs the Debian packages a fresh machine lacks for `make test` / `make demo`
# when run as root or with sudo; prints what to install otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
WANT="${1:-}"   # "test" | "demo" | "screenshots" | "" : which system packages to ensure

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "bootstrap: please install as root: $*" >&2; return 1; fi
}

missing=()
need() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }
if ! "$PYTHON" -c "import venv, ensurepip" >/dev/null 2>&1; then need python3-venv; fi
case "$WANT" in
    test) need postgresql ;;
    demo) if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
              for p in libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
                       libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 \
                       libxkbcommon-x11-0; do need "$p"; done
          else need xvfb; need xauth; fi ;;
    screenshots) for p in xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
                          libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 \
                          libxcb-xkb1 libxkbcommon-x11-0; do need "$p"; done ;;
esac
if [ "${#missing[@]}" -gt 0 ] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ] || [ requirements.lock -nt .venv/.installed ] \
   || [ pyproject.toml -nt .venv/.installed ]; then
    "$PYTHON" -m venv .venv
    .venv/bin/python -m pip install --quiet --no-deps -r requirements.lock
    .venv/bin/python -m pip install --quiet --no-deps -e .
    touch .venv/.installed
fi
