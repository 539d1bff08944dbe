#!/usr/bin/env bash
# Make PostgreSQL server binaries (initdb, pg_ctl, postgres) available for the test suite.
# Prints the directory that holds them. Installs Debian's package when none is found (needs root and apt).
set -euo pipefail

find_bin() {
  for dir in "${PG_BIN_DIR:-}" "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")" \
             /usr/local/bin /usr/lib/postgresql/*/bin; do
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

if dir=$(find_bin); then
  echo "$dir"
  exit 0
fi

if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "PostgreSQL server binaries not found and cannot install them (need root and apt-get)." >&2
  echo "Install PostgreSQL (initdb, pg_ctl, postgres) or set PG_BIN_DIR." >&2
  exit 1
fi

echo "Installing PostgreSQL from Debian's packages for the tests..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq postgresql >&2
find_bin
