#!/usr/bin/env bash
# Make a real n8n available for `npm run test:n8n` and the n8n benchmark: n8n $N8N_VERSION (default 2.41.1) on
# Node.js 24, installed into $PIPEDRIVE_CONNECTOR_CACHE (default ~/.cache/pipedrive-connector)/n8n-<version>.
# Prints that directory (its node_modules/.bin/n8n is the CLI, run with Node 24). A second run installs nothing.
#
# A plain `npm install n8n` fails here: @confluentinc/kafka-javascript downloads a prebuilt binary in its install
# script, and that download is blocked. So the install runs without scripts, and then only the two native modules
# n8n needs to start are built, against Node 24's headers: sqlite3 (its database) and isolated-vm (its expression
# sandbox). About 3 + 1 minutes with a warm npm cache, 2.9 GB on disk.
set -euo pipefail

version="${N8N_VERSION:-2.41.1}"
cache="${PIPEDRIVE_CONNECTOR_CACHE:-$HOME/.cache/pipedrive-connector}"
dir="$cache/n8n-$version"

if [ -f "$dir/.installed" ] && [ -x "$dir/node_modules/.bin/n8n" ]; then
  echo "$dir"
  exit 0
fi

node24="$(bash "$(dirname "$0")/ensure-node.sh" 24)"
mkdir -p "$cache"
work="$(mktemp -d "$cache/n8n-$version.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "ensure-n8n: installing n8n@$version into $dir (about 4 minutes, 2.9 GB) ..." >&2
started=$SECONDS
cd "$work"
printf '{"name":"n8n-for-tests","private":true}\n' >package.json
PATH="$node24/bin:$PATH" npm install "n8n@$version" --ignore-scripts --no-audit --no-fund --loglevel=error >&2
PATH="$node24/bin:$PATH" npm rebuild sqlite3 isolated-vm --nodedir="$node24" --loglevel=error >&2
"$node24/bin/node" -e "require('sqlite3'); require('isolated-vm')"
echo "$version" >.installed
cd - >/dev/null
rm -rf "$dir"
mv "$work" "$dir"
echo "ensure-n8n: installed n8n@$version in $((SECONDS - started)) s" >&2
echo "$dir"
