#!/bin/sh
# A private Docker engine for CI and for the container tests (docs/operations.md "Where no registry is reachable"): no engine runs on
# the project's machines and no registry is reachable, so we start our own dockerd, isolated from any system
# one: its own data root, exec root, socket and pidfile, all under one state directory.
#
#   docker/ci-engine.sh start   install docker.io + debootstrap when missing, start dockerd, wait until it answers
#   docker/ci-engine.sh stop    stop the dockerd started by `start` (by its pidfile), wait until it is gone
#   docker/ci-engine.sh host    print the DOCKER_HOST value to export
#   docker/ci-engine.sh status  exit 0 when the engine answers
#
# State: $DCC_DOCKER_DIR, default .docker/ in the checkout (ignored by git and by the image build), so the
# images and layer cache survive between runs of the same checkout.
set -eu
cd "$(dirname "$0")/.."

state_dir() {
  dir="${DCC_DOCKER_DIR:-$PWD/.docker}"
  # Unix socket paths are limited to 108 bytes; containerd puts sockets deep under the exec root.
  if [ "${#dir}" -gt 60 ]; then dir="/tmp/dcc-docker-$(id -u)-$(printf %s "$PWD" | cksum | cut -d' ' -f1)"; fi
  printf %s "$dir"
}
DIR=$(state_dir)
SOCK="$DIR/docker.sock"
PIDFILE="$DIR/dockerd.pid"
# The apt package's client; a newer client elsewhere on PATH negotiates down, but keep the pair consistent.
DOCKER=/usr/bin/docker

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_missing() {
  missing=""
  command -v dockerd >/dev/null 2>&1 || missing="$missing docker.io"
  command -v debootstrap >/dev/null 2>&1 || missing="$missing debootstrap"
  [ -z "$missing" ] && return 0
  echo "ci-engine: installing system packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null
  # shellcheck disable=SC2086
  as_root apt-get install -y -qq --no-install-recommends $missing iptables ca-certificates >/dev/null
}

answering() { "$DOCKER" -H "unix://$SOCK" version >/dev/null 2>&1; }

start_engine() {
  install_missing
  if answering; then echo "ci-engine: dockerd already answering on $SOCK"; return 0; fi
  mkdir -p "$DIR/data" "$DIR/exec"
  echo "ci-engine: starting dockerd (state in $DIR)"
  as_root dockerd --data-root "$DIR/data" --exec-root "$DIR/exec" -H "unix://$SOCK" \
    --pidfile "$PIDFILE" --log-level warn >"$DIR/dockerd.log" 2>&1 &
  tries=0
  until answering; do
    tries=$((tries + 1))
    if [ "$tries" -gt 60 ]; then
      echo "ci-engine: dockerd did not answer within 60 s; last lines of $DIR/dockerd.log:" >&2
      tail -n 20 "$DIR/dockerd.log" >&2 || true
      return 1
    fi
    sleep 1
  done
  echo "ci-engine: dockerd ready (DOCKER_HOST=unix://$SOCK)"
}

stop_engine() {
  [ -f "$PIDFILE" ] || return 0
  pid=$(cat "$PIDFILE")
  echo "ci-engine: stopping dockerd (pid $pid)"
  as_root kill "$pid" 2>/dev/null || true
  tries=0
  while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 30 ]; do tries=$((tries + 1)); sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then echo "ci-engine: dockerd still running after 30 s" >&2; return 1; fi
  rm -f "$PIDFILE"
}

case "${1:-}" in
  start) start_engine ;;
  stop) stop_engine ;;
  host) printf 'unix://%s\n' "$SOCK" ;;
  status) answering ;;
  *) echo "usage: $0 start|stop|host|status" >&2; exit 2 ;;
esac
