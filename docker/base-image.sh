#!/bin/sh
# Builds the base image the Dockerfile starts FROM, locally (docs/operations.md "Where no registry is reachable":
# no image registry is reachable from the project's machines). A Debian bookworm minbase root file system from debootstrap, plus
# this machine's Node.js 20 (/usr/bin/node) and npm, tagged `node:20-bookworm-slim` so the Dockerfile's
# default NODE_IMAGE resolves to it without a pull. Where a registry is reachable the real image is used instead.
#
#   DOCKER_HOST=unix:///…/docker.sock docker/base-image.sh [TAG]
#
# Cached: does nothing when TAG (default node:20-bookworm-slim) already exists in the engine.
set -eu
TAG="${1:-node:20-bookworm-slim}"
MINBASE="dcc-converter/bookworm-minbase:local"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
DOCKER=/usr/bin/docker
[ -x "$DOCKER" ] || DOCKER=docker

if "$DOCKER" image inspect "$TAG" >/dev/null 2>&1; then
  echo "base-image: $TAG present, kept"
  exit 0
fi
command -v node >/dev/null 2>&1 || { echo "base-image: no node on this machine" >&2; exit 2; }
case "$(node -p 'process.versions.node')" in
  20.*) ;;
  *) echo "base-image: the machine's node is not 20.x; refusing to tag it $TAG" >&2; exit 2 ;;
esac

work=$(mktemp -d /tmp/dcc-base-image.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

# 1. Debian minbase from debootstrap (~30 s), imported as a one-layer image.
if ! "$DOCKER" image inspect "$MINBASE" >/dev/null 2>&1; then
  echo "base-image: debootstrap --variant=minbase bookworm ($MIRROR)"
  debootstrap --variant=minbase bookworm "$work/rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/var/cache/apt/archives/"*.deb
  tar -C "$work/rootfs" -c . | "$DOCKER" import --change 'CMD ["bash"]' - "$MINBASE" >/dev/null
  rm -rf "$work/rootfs"
fi

# 2. Node.js, its headers and npm from this machine, laid out as in the official image (/usr/local/bin, /usr/local/lib).
mkdir -p "$work/ctx/lib"
cp /usr/bin/node "$work/ctx/node"
cp -a /usr/lib/node_modules/npm "$work/ctx/lib/npm"
# Node's C headers, where node-gyp finds them for an installed node (<prefix>/include/node): native addons
# (pkcs11js) then build without downloading headers.
cp -a /usr/include/node "$work/ctx/include"
# This machine's trust anchors: where egress goes through a TLS-inspecting proxy, npm and apt inside the
# build must trust what the machine trusts. Only this local stand-in image carries them; the Dockerfile does not.
cp /etc/ssl/certs/ca-certificates.crt "$work/ctx/ca-certificates.crt"
cat >"$work/ctx/Dockerfile" <<EOF
FROM $MINBASE
COPY node /usr/local/bin/node
COPY lib/npm /usr/local/lib/node_modules/npm
COPY include /usr/local/include/node
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && node --version && npm --version
ENV NODE_VERSION=$(node -p 'process.versions.node') \\
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \\
    npm_config_cafile=/etc/ssl/certs/ca-certificates.crt \\
    npm_config_nodedir=/usr/local
CMD ["node"]
EOF
echo "base-image: building $TAG from $MINBASE + node $(node --version)"
"$DOCKER" build -q -t "$TAG" "$work/ctx" >/dev/null
echo "base-image: $TAG ready"
