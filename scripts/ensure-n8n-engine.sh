#!/usr/bin/env bash
# n8n's engine for the n8n adapter: its type-check (`npm run typecheck`), its engine-level tests (test/n8n) and
# the n8n benchmark. adapters/n8n/package.json holds it (n8n-core and n8n-workflow pinned, with the zod 3 they
# need beside the connector's zod 4) and adapters/n8n/package-lock.json pins its tree; the root install does not
# carry it (about 350 MB). It is installed once per lockfile into $PIPEDRIVE_CONNECTOR_CACHE (default
# ~/.cache/pipedrive-connector)/n8n-engine-<hash>, shared by every checkout and Node version (nothing in it is
# built: install scripts are skipped), and linked as adapters/n8n/node_modules, where the adapter's sources
# resolve `n8n-workflow`. Prints the install's directory. A second run installs nothing.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
pkg="$root/adapters/n8n"
cache="${PIPEDRIVE_CONNECTOR_CACHE:-$HOME/.cache/pipedrive-connector}"
hash="$(cat "$pkg/package.json" "$pkg/package-lock.json" | sha256sum | cut -c1-16)"
dir="$cache/n8n-engine-$hash"

if [ ! -f "$dir/.installed" ]; then
  mkdir -p "$cache"
  work="$(mktemp -d "$cache/n8n-engine-$hash.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  cp "$pkg/package.json" "$pkg/package-lock.json" "$work/"
  echo "ensure-n8n-engine: installing n8n's engine (adapters/n8n/package-lock.json) into $dir, once ..." >&2
  started=$SECONDS
  (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  touch "$work/.installed"
  # Another run may have finished first: its install is the same.
  mv -T "$work" "$dir" 2>/dev/null || [ -f "$dir/.installed" ]
  echo "ensure-n8n-engine: installed in $((SECONDS - started)) s" >&2
fi

link="$pkg/node_modules"
if [ "$(readlink "$link" 2>/dev/null)" != "$dir/node_modules" ]; then
  rm -rf "$link"
  ln -s "$dir/node_modules" "$link"
fi
echo "$dir"
