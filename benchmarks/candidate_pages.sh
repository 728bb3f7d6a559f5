#!/usr/bin/env bash
# Requests per second of the candidate pages against a bare Django view, same server, same load.
# Needs wrk (apt-get install -y wrk). Usage: bash benchmarks/candidate_pages.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-10}
PORT=8765
work=$(mktemp -d)
export DJANGO_SETTINGS_MODULE=config.settings DJANGO_DEBUG=false DJANGO_HTTPS=false DJANGO_SECRET_KEY=benchmark-only-secret-key-0123456789abcdef \
  DJANGO_ALLOWED_HOSTS=127.0.0.1 DATABASE_URL="sqlite:///$work/bench.sqlite3" KAFAA_CACHE_DIR="$work/cache"
eval "$(PYTHONPATH=. .venv/bin/python benchmarks/prepare.py)"
.venv/bin/python manage.py collectstatic --no-input -v0
.venv/bin/gunicorn config.wsgi -w 2 -b 127.0.0.1:$PORT --no-control-socket --log-level warning &
server=$!
trap 'kill $server; rm -rf "$work"' EXIT
sleep 2
rate() {  # requests per second for a path, logged in as the candidate
  wrk -t2 -c20 -d"${SECONDS_EACH}s" -H "Cookie: sessionid=$SESSION" -H "Accept-Language: fr" "http://127.0.0.1:$PORT$1" \
    | awk '/Requests\/sec/ {print $2}'
}
for path in /healthz "$STEP" "$CHECKS" "$REVIEW" "$RESULT"; do rate "$path" >/dev/null; done  # warm up each worker
base=$(rate /healthz)
printf "%-28s %10s %8s\n" page "req/s" "ratio"
printf "%-28s %10s %8s\n" "bare view (/healthz)" "$base" "1.00"
for name in STEP CHECKS REVIEW RESULT; do
  value=$(rate "${!name}")
  printf "%-28s %10s %8s\n" "$name (${!name})" "$value" "$(awk -v a="$value" -v b="$base" 'BEGIN {printf "%.2f", a / b}')"
done
