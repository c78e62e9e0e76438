#!/bin/sh
# Runs a TypeScript dev script (bench, conformance recorder) with node: esbuild bundles it into a
# temp file first, so the scripts import src/ as they are, with no TS loader on node's side.
# usage: sh scripts/run-ts.sh FILE.ts [ARG...]
set -e
entry="$1"
shift
out="$(mktemp "${TMPDIR:-/tmp}/tsecret-script-XXXXXX.mjs")"
trap 'rm -f "$out"' EXIT
npx esbuild "$entry" --bundle --platform=node --format=esm --target=node20 --log-level=warning \
  --banner:js="import{createRequire}from\"node:module\";const require=createRequire(import.meta.url);" \
  --outfile="$out"
node "$out" "$@"
