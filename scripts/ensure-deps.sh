#!/usr/bin/env bash
# Usage: scripts/ensure-deps.sh <package folder>  (adapters/n8n or bench)
#
# The dependencies the root install does not carry, each a package of its own with its own lockfile:
# - adapters/n8n: n8n's engine for the n8n adapter's type-check (`npm run typecheck`), its engine-level tests
#   (test/n8n), n8n's node linter (test/n8n-lint.test.ts) and the n8n benchmark: n8n-core and n8n-workflow pinned,
#   with the zod 3 they need beside the connector's zod 4 (about 350 MB);
# - bench: what only the benchmarks compare against or load with: the official `pipedrive` SDK and autocannon.
# Each is installed once per lockfile into $PIPEDRIVE_CONNECTOR_CACHE (default ~/.cache/pipedrive-connector)/
# <name>-<hash>, <name> from its package.json's name, shared by every checkout and Node version (nothing in it is
# built: install scripts are skipped), and linked as <package folder>/node_modules, where the sources beside it
# resolve it. Prints the install's directory. A second run installs nothing.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
pkg="$root/${1:?usage: ensure-deps.sh <package folder, e.g. adapters/n8n or bench>}"
name="$(sed -n 's|^  "name": "\(@[^/]*/\)\{0,1\}\([^"]*\)".*|\2|p' "$pkg/package.json")"
cache="${PIPEDRIVE_CONNECTOR_CACHE:-$HOME/.cache/pipedrive-connector}"
hash="$(cat "$pkg/package.json" "$pkg/package-lock.json" | sha256sum | cut -c1-16)"
dir="$cache/$name-$hash"

if [ ! -f "$dir/.installed" ]; then
  mkdir -p "$cache"
  work="$(mktemp -d "$cache/$name-$hash.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  cp "$pkg/package.json" "$pkg/package-lock.json" "$work/"
  echo "ensure-deps: installing $name (${1}/package-lock.json) into $dir, once ..." >&2
  started=$SECONDS
  (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  touch "$work/.installed"
  # Another run may have finished first: its install is the same.
  mv -T "$work" "$dir" 2>/dev/null || [ -f "$dir/.installed" ]
  echo "ensure-deps: installed $name in $((SECONDS - started)) s" >&2
fi

link="$pkg/node_modules"
if [ "$(readlink "$link" 2>/dev/null)" != "$dir/node_modules" ]; then
  rm -rf "$link"
  ln -s "$dir/node_modules" "$link"
fi
echo "$dir"
