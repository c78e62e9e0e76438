#!/bin/sh
# Records the doctest fixtures against the real engine (test/doctest/record.ts), under the same
# lock as the conformance recorder: one engine serves every recorder on the machine.
set -e
exec flock "${TMPDIR:-/tmp}/tsecret-oracle.lock" sh scripts/run-ts.sh test/doctest/record.ts "$@"
