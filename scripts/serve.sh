#!/usr/bin/env bash
# Production mode (`make serve`): collect static files, migrate, then run gunicorn and the
# task worker side by side until Ctrl-C / SIGTERM, which stops both. Configured only by the
# environment (see .env.example); HOST, PORT and WEB_CONCURRENCY choose where and how many.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -n "${DATABASE_URL:-}" ] || missing+=("DATABASE_URL")
[ -n "${SECRET_KEY:-}${SECRET_KEY_FILE:-}" ] || missing+=("SECRET_KEY (or SECRET_KEY_FILE)")
[ -n "${PB_VOTER_KEY_SECRET:-}${PB_VOTER_KEY_SECRET_FILE:-}" ] ||
  missing+=("PB_VOTER_KEY_SECRET (or PB_VOTER_KEY_SECRET_FILE): keys the one-ballot-per-person hash")
if ((${#missing[@]})); then
  {
    echo "serve: not started. Set in the environment:"
    printf '  %s\n' "${missing[@]}"
    echo "e.g. DATABASE_URL=postgres://luotsi:…@db.example:5432/luotsi and a long random"
    echo "SECRET_KEY; every variable is listed in .env.example and the README. (\`make run\`"
    echo "is the development server and needs neither.)"
  } >&2
  exit 2
fi

PY=${PYTHON:-.venv/bin/python}
# Production queues tasks in the database for the worker started below.
export TASKS_BACKEND=${TASKS_BACKEND:-database}

"$PY" manage.py collectstatic --noinput --verbosity 0
"$PY" manage.py migrate --noinput

pids=()
stop() {
  trap - INT TERM
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait || true
}
trap 'stop; exit 0' INT TERM

# More options (timeouts, an access log) through gunicorn's own GUNICORN_CMD_ARGS.
# No control socket: gunicorn 27 puts it in ~/.gunicorn, shared by every instance on the host.
"$PY" -m gunicorn config.wsgi \
  --bind "${HOST:-127.0.0.1}:${PORT:-8000}" \
  --workers "${WEB_CONCURRENCY:-2}" \
  --no-control-socket &
pids+=($!)
# The task worker exits when the database goes away (a PostgreSQL restart); the site must not
# go down with it, so it is started again after a pause, as systemd's Restart=always would.
(
  child=
  trap '[ -n "$child" ] && kill -TERM "$child" 2>/dev/null; wait; exit 0' INT TERM
  while true; do
    "$PY" manage.py db_worker --queue-name '*' &
    child=$!
    status=0
    wait "$child" || status=$?
    [ "$status" = 0 ] && exit 0
    echo "serve: the task worker stopped (status $status); starting it again in 2 s" >&2
    sleep 2 &
    wait $!
  done
) &
pids+=($!)

# A web server without its worker loop (or the reverse) is not a working service: when either
# stops, stop the other and exit with its status, so systemd or the operator notices.
status=0
wait -n || status=$?
stop
exit "$status"
