#!/usr/bin/env bash
# Run a command against a private, throw-away PostgreSQL cluster on 127.0.0.1.
# Installs Debian's PostgreSQL when it is missing; stops and removes the cluster afterwards.
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ] && [[ "$DATABASE_URL" == postgres* ]]; then
  exec "$@"  # a PostgreSQL was given: use it
fi

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ]; then
  echo "installing Debian's PostgreSQL for the PostgreSQL test run…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql postgresql-contrib >/dev/null
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

datadir=$(mktemp -d -t panjereh-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb refuses to run as root: the cluster belongs to the postgres user.
  chown postgres "$datadir"
  as_pg=(runuser -u postgres --)
fi

cleanup() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$datadir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$datadir"
}
trap cleanup EXIT

"${as_pg[@]}" "$bindir/initdb" -D "$datadir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Tests trade durability for speed; benchmarks measure what production runs (PG_DURABLE=1: the server's
# own fsync, synchronous_commit and full_page_writes, all on).
fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${PG_DURABLE:-0}" = "1" ] && fast=""
# PG_OPTIONS adds server settings for a run (e.g. a benchmark's shared_buffers): "-c name=value …".
options="$fast ${PG_OPTIONS:-}"
"${as_pg[@]}" "$bindir/pg_ctl" -D "$datadir/data" -l "$datadir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $datadir $options" \
  start >/dev/null
"$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE panjereh" >/dev/null

echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($([ -z "$fast" ] && echo durable || echo "fsync off: tests only"))"
DATABASE_URL="postgres://postgres@127.0.0.1:$port/panjereh" "$@"
