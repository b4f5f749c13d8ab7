#!/usr/bin/env bash
# Run a command with a private, throw-away Redis on 127.0.0.1 (Debian's redis-server; `make test`
# installs it) as REDIS_URL: the production path's cache, rate limits and replay store.
set -euo pipefail

if [ -n "${REDIS_URL:-}" ]; then
  exec "$@"  # a Redis was given: use it
fi

folder=$(mktemp -d -t panjereh-redis.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --dir "$folder" --daemonize no \
  > "$folder/log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$folder"
}
trap cleanup EXIT

for _ in $(seq 100); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
echo "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$port"
REDIS_URL="redis://127.0.0.1:$port/0" "$@"
