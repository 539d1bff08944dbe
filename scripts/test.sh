#!/usr/bin/env bash
# `npm test`: the type-check (`npm run check-types`), the lint (`npm run lint`) and both vitest projects; fails when
# any of them fails. The packages the root install does not carry come first (`npm run deps`: n8n's engine for
# test/n8n and the adapter's types); then type-check and lint run beside the suite, their output held back and
# printed after it, so that the suite's own output stays whole. The type-check is incremental (3 s when little
# changed, 10 s from nothing) and takes a core the suite leaves idle at its start (docs/development.md). Arguments
# go to vitest (`npm test -- test/server`).
set -uo pipefail
cd "$(dirname "$0")/.."

npm run --silent deps || exit 1

checks_log="$(mktemp)"
trap 'rm -f "$checks_log"' EXIT
(npm run --silent check-types && npm run --silent lint) >"$checks_log" 2>&1 &
checks=$!

npx vitest run "$@"
suite=$?
wait "$checks"
checked=$?

if [ "$checked" -ne 0 ]; then
  cat "$checks_log"
  echo "npm test: the type-check or the lint failed (above); npm run check-types, npm run lint" >&2
fi
[ "$suite" -eq 0 ] && [ "$checked" -eq 0 ]
