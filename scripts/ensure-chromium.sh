#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser test (test/browser/), installing it
# with apt-get when it is absent. Needs root (the CI runs as root on Debian) and network access to the
# Debian mirrors. CHROMIUM_PATH overrides the path checked.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
fail() {
  echo "ensure-chromium: $1" >&2
  echo "ensure-chromium: install it by hand (Debian/Ubuntu: 'apt-get update && apt-get install -y chromium' as root) or set CHROMIUM_PATH." >&2
  exit 1
}
command -v apt-get >/dev/null 2>&1 || fail "$chromium is missing and apt-get is not available to install it."
if [ "$(id -u)" -ne 0 ]; then
  fail "$chromium is missing and installing it needs root (this is uid $(id -u))."
fi
echo "ensure-chromium: $chromium is missing; installing Debian's chromium package (once)..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || fail "apt-get update failed."
apt-get install -y -qq --no-install-recommends chromium >&2 || fail "apt-get install chromium failed."
[ -x "$chromium" ] || fail "chromium was installed but $chromium is still missing."
echo "ensure-chromium: installed $("$chromium" --version 2>/dev/null || echo chromium)." >&2
