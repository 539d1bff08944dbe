#!/usr/bin/env bash
# `npm run test:n8n`: the built n8n package in the real n8n 2.41.1 on Node 24 (test/n8n-real/n8n.e2e.ts).
# Installs what it needs once, into $PIPEDRIVE_CONNECTOR_CACHE (default ~/.cache/pipedrive-connector): Node 24
# (scripts/ensure-node.sh 24) and n8n (scripts/ensure-n8n.sh, about 5 minutes the first time); Chromium from
# Debian for the editor screenshot (scripts/ensure-chromium.sh). The test itself runs on the Node that runs npm;
# n8n runs on Node 24.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
node24="$(bash scripts/ensure-node.sh 24)"
n8n="$(bash scripts/ensure-n8n.sh)"
bash scripts/ensure-chromium.sh
installed=$SECONDS
N8N_DIR="$n8n" NODE24_DIR="$node24" npx vitest run --config vitest.n8n.config.ts
echo "test:n8n: $((SECONDS - started)) s in all ($((installed - started)) s to install or find n8n and Node 24)"
