#!/usr/bin/env bash
# Debian packages the tests use for real: Chromium (Playwright drives it; it never downloads a
# browser) and redis-server (the shared replay store and, at scale, caches and rate limits).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-noto-core)
command -v redis-server >/dev/null || missing+=(redis-server)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages for the tests: ${missing[*]}…"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
