#!/bin/sh
# `npm test`: type-check, then every test suite (unit, external vectors, integration, container).
set -eu
cd "$(dirname "$0")/.."
echo "test: type-check (tsc --noEmit)"
npx tsc --noEmit -p tsconfig.json
export SOFTHSM2_CONF="${SOFTHSM2_CONF:-$PWD/.softhsm/softhsm2.conf}"
files=$(find test -name '*.test.ts' | sort)
# shellcheck disable=SC2086
exec node --import tsx --test --test-reporter=spec $files
