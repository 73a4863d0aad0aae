#!/usr/bin/env bash
# A private PostgreSQL instance for the database drill (never the machine's own cluster):
#   pg.sh init DIR PORT   create it (user visiongrade, trust auth on 127.0.0.1) and start it
#   pg.sh stop DIR        stop it at once (-m immediate: connections drop as in a crash)
#   pg.sh start DIR PORT  start it again
#   pg.sh destroy DIR     stop it if running and delete it
set -euo pipefail
cmd=$1 dir=$2 port=${3:-}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 3; }
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case $cmd in
  init)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_pg "'$bin/initdb' -D '$dir' -U visiongrade --auth=trust -E UTF8" >/dev/null
    as_pg "'$bin/pg_ctl' -D '$dir' -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l '$dir/log' -w start" >/dev/null
    as_pg "'$bin/createdb' -h 127.0.0.1 -p $port -U visiongrade drill"
    ;;
  stop) as_pg "'$bin/pg_ctl' -D '$dir' -m immediate -w stop" >/dev/null ;;
  start) as_pg "'$bin/pg_ctl' -D '$dir' -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l '$dir/log' -w start" >/dev/null ;;
  destroy)
    as_pg "'$bin/pg_ctl' -D '$dir' -m immediate -w stop" >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: pg.sh init|start|stop|destroy DIR [PORT]" >&2; exit 2 ;;
esac
