#!/usr/bin/env bash
# `make bench`: the portal as in production (gunicorn sync workers, DEBUG off, collectstatic, Postgres, Redis when it
# answers) on 127.0.0.1 with a large generated archive; writes bench/RESULTS.md. Takes a few minutes.
#
# Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/emscher_bench — dropped and created
# again!), BENCH_PORT (8107), BENCH_CACHE_URL (redis://127.0.0.1:6379/7?key_prefix=emscher_bench if Redis answers,
# else local memory), BENCH_WORKERS (gunicorn.conf.py's default), BENCH_WRK_SECONDS (4), BENCH_REUSE_DB=1 to keep
# an already prepared database.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
PORT=${BENCH_PORT:-8107}

export DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/emscher_bench}
export DJANGO_DEBUG=false
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-benchmark-only-$(date +%s)-not-secret}
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_HSTS_SECONDS=0
export DJANGO_SERVE_MEDIA=false DJANGO_LOG_LEVEL=WARNING
export SITE_URL=http://127.0.0.1:$PORT
export STATIC_ROOT=$PWD/var/bench/static MEDIA_ROOT=$PWD/var/bench/media PRIVATE_MEDIA_ROOT=$PWD/var/bench/private
export BENCH_BASE_URL=http://127.0.0.1:$PORT
mkdir -p var/bench "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT"

if [ -n "${BENCH_CACHE_URL:-}" ]; then
  export CACHE_URL=$BENCH_CACHE_URL
elif "$PY" -c "import redis; redis.Redis(host='127.0.0.1', port=6379, socket_connect_timeout=1).ping()" 2>/dev/null; then
  export CACHE_URL="redis://127.0.0.1:6379/7?key_prefix=emscher_bench"
else
  echo "Redis antwortet nicht: der Benchmark nutzt den prozesslokalen Cache (Version aus der Datenbank)."
fi

if ! command -v wrk >/dev/null; then
  echo "wrk fehlt – installiere das Debian-Paket wrk …"
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get install -y -q wrk >/dev/null 2>&1 || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q wrk >/dev/null; }
fi

if (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; then
  echo "Port $PORT ist belegt; BENCH_PORT=… wählen." >&2
  exit 1
fi

echo "== Datenbank und Archiv vorbereiten ($DATABASE_URL)"
"$PY" manage.py collectstatic --no-input -v 0
"$PY" bench/prepare.py
rm -f "$STATIC_ROOT/bench-gleich-gross.pdf"
if [ -s var/bench/forum_pdf.txt ]; then
  cp "$MEDIA_ROOT/$(cat var/bench/forum_pdf.txt)" "$STATIC_ROOT/bench-gleich-gross.pdf"
fi

echo "== gunicorn auf 127.0.0.1:$PORT starten"
GUNICORN_BIND=127.0.0.1:$PORT "$PY" -m gunicorn emscher_portal.wsgi -c gunicorn.conf.py \
  ${BENCH_WORKERS:+--workers "$BENCH_WORKERS"} >var/bench/gunicorn.log 2>&1 &
gunicorn_pid=$!
trap 'kill -TERM $gunicorn_pid 2>/dev/null; wait $gunicorn_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  sleep 0.2
done

echo "== Messen"
BENCH_GUNICORN_PID=$gunicorn_pid "$PY" bench/measure.py
echo "== Ergebnis in bench/RESULTS.md"
