#!/bin/sh
# Records conformance scenarios against the real engine (../shared/oracle/start-engine.sh).
# One engine serves every recorder on the machine, and each scenario resets its swarm, so
# recorders take turns under a lock instead of clobbering each other's swarm.
set -e
tmp="${TMPDIR:-/tmp}"
exec flock "$tmp/tsecret-oracle.lock" sh -c '
  out="$(mktemp "${TMPDIR:-/tmp}/tsecret-record-XXXXXX.mjs")"
  trap "rm -f \"$out\"" EXIT
  npx esbuild test/conformance/record.ts --bundle --platform=node --format=esm --target=node20 \
    --log-level=warning \
    --banner:js="import{createRequire}from\"node:module\";const require=createRequire(import.meta.url);" \
    --outfile="$out"
  TSECRET_CONFORMANCE_DIR="$PWD/test/conformance" node "$out" "$@"
' record "$@"
