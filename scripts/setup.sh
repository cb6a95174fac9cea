#!/bin/sh
# The set-up shared by `npm start` and `npm test` (README, "The two commands"): install and create only
# what is missing, so a second run is quick. Safe to run again at any time.
set -eu
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. npm dependencies, reinstalled when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.package-lock.json
fi

# 2. System packages: SoftHSM (development/test HSM), OpenSC's pkcs11-tool, yamllint (chart checks),
#    poppler-utils (pdftoppm, pdftotext, pdfinfo: the printable-certificate tests read the PDF back), chromium (the
#    border portal's browser tests drive Debian's Chromium through playwright-core; no browser is downloaded).
missing=""
[ -f /usr/lib/softhsm/libsofthsm2.so ] || missing="$missing softhsm2"
command -v pkcs11-tool >/dev/null 2>&1 || missing="$missing opensc"
command -v yamllint >/dev/null 2>&1 || missing="$missing yamllint"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
if [ -n "$missing" ]; then
  echo "setup: installing system packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null
  # shellcheck disable=SC2086
  as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# 3. The development SoftHSM token, its keys and certificates (under .softhsm/, ignored by git); a token made
#    before the revocation upload signer or the ICAO signer existed is completed (hsm init adds the missing keys,
#    keeps the others).
if [ ! -f .softhsm/signers.json ] || [ ! -f .softhsm/upload-signer.json ] || [ ! -f .softhsm/icao-signers.json ]; then
  echo "setup: creating or completing the development SoftHSM token"
  node bin/dcc-converter.mjs hsm init
fi
