#!/bin/sh
# Records conformance scenarios against the real engine (../shared/oracle/start-engine.sh).
# One engine serves every recorder on the machine, and each scenario resets its swarm, so
# recorders take turns under a lock instead of clobbering each other's swarm.
set -e
export TSECRET_CONFORMANCE_DIR="$PWD/test/conformance"
exec flock "${TMPDIR:-/tmp}/tsecret-oracle.lock" sh scripts/run-ts.sh test/conformance/record.ts "$@"
