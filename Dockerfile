# dcc-converter container image (docs/operations.md "Running the image").
#   docker build --target production -t dcc-converter .   the service; PKCS#11 module, PIN and keys come from configuration
#   docker build --target demo -t dcc-converter:demo .     the same plus SoftHSM and a throw-away development token
# NODE_IMAGE: the official image, or the locally built one of docker/base-image.sh where no registry is reachable.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: compile TypeScript, build the native PKCS#11 addon, keep production dependencies only ----
# (tsx and the rest of the development dependencies are pruned: the image runs the compiled dist/ only)
FROM ${NODE_IMAGE} AS build
# pkcs11js is a native addon built by node-gyp at install.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund --loglevel=error \
 && npm cache clean --force

# ---- runtime: compiled output, tables, trust bundle, production node_modules; non-root, read-only-root friendly ----
FROM ${NODE_IMAGE} AS runtime
# Production turns on every "refuse to start" rule (README "Configuration"); the image listens on all interfaces.
# PKCS11_MODULE, PKCS11_PIN(_FILE), DCC_SIGNERS, UVCI_KEY, TAC_KEYS, API_KEYS_FILE come from the deployment.
# HOME=/tmp: nothing is written outside /tmp (an emptyDir under a read-only root file system).
# OPS_PORT: /healthz, /readyz and /metrics on their own listener (docs/operations.md "Operations port").
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 OPS_PORT=9090 HOME=/tmp
WORKDIR /app
# Files stay owned by root: user 10001 can read them, never change them.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY mappings ./mappings
COPY rules ./rules
COPY assets ./assets
USER 10001
EXPOSE 8080 9090
# Liveness without curl: Node 20's fetch against /healthz on the operations port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.OPS_PORT||9090)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "/app/dist/cli/main.js"]
CMD ["serve"]

# ---- demo: runtime + SoftHSM + a development token made at build time; converts out of the box ----
# The token, its PIN and its keys are baked into the image: a demonstration only, never for production.
FROM runtime AS demo
USER root
RUN apt-get update \
 && apt-get install -y --no-install-recommends softhsm2 \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /opt/dcc/softhsm \
 && chown 10001:10001 /opt/dcc/softhsm
# Development mode: PKCS11_MODULE defaults to SoftHSM's library, PIN, signers, UVCI and TAC keys to DCC_DEV_DIR.
ENV NODE_ENV=development DCC_DEV_DIR=/opt/dcc/softhsm SOFTHSM2_CONF=/opt/dcc/softhsm/softhsm2.conf
USER 10001
RUN node /app/dist/cli/main.js hsm init --dir /opt/dcc/softhsm

# ---- production (the default target): the runtime stage as is ----
FROM runtime AS production
