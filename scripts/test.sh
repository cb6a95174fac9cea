#!/bin/sh
# `npm test`: type-check, lint, format check, API description lint, then every test suite (unit, external vectors, integration, container).
set -eu
cd "$(dirname "$0")/.."
echo "test: type-check (tsc --noEmit)"
npx tsc --noEmit -p tsconfig.json
echo "test: lint (eslint: typescript-eslint, eslint-plugin-regexp)"
npm run -s lint
echo "test: format check (prettier, .prettierrc.json: the code as \`npm run format\` writes it)"
npm run -s format:check
echo "test: API description lint (redocly, redocly.yaml)"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx redocly lint
export SOFTHSM2_CONF="${SOFTHSM2_CONF:-$PWD/.softhsm/softhsm2.conf}"
files=$(find test -name '*.test.ts' | sort)
# A hang guard, not a speed goal: a test that waits for a state that never comes (a reconnect, a replaced
# worker) fails after 10 minutes instead of holding CI until its limit. The slowest test takes ~1 minute.
# shellcheck disable=SC2086
exec node --import tsx --test --test-timeout=600000 --test-reporter=spec $files
