#!/usr/bin/env bash
# Crash and outage drills against the packaged server (see webapp/docs/drills.md):
# kill -9 during training with grades in the outbox, LMS down (refused / 500 / 429 / slow),
# disk full in the storage folder (tmpfs; needs root, skipped otherwise), database drop
# (a private PostgreSQL instance; skipped without PostgreSQL's server binaries).
# Usage: bench/drills/run-drills.sh        (ports: HTTP 8080+DRILL_PORT_OFFSET, LMS DRILL_LMS_PORT)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
offset=${DRILL_PORT_OFFSET:-1100}
lms_port=${DRILL_LMS_PORT:-9195}
pg_port=${DRILL_PG_PORT:-55433}

echo "==> Building the server and the drill classes"
cp=$(bash bench/drills/classpath.sh | tail -1)
server_home=$(ls -d "$root"/webapp/target/server/wildfly-* | head -1)

work=$(mktemp -d /tmp/visiongrade-drills.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/h2/data/storage"
mounted=""
pg_dir="$work/pgdata"
cleanup() {
  # Our own servers only: the JVMs whose base directory is under this run's folder.
  for pid in $(pgrep -f "jboss.server.base.dir=$work/" || true); do kill -9 "$pid" 2>/dev/null || true; done
  [ -n "$mounted" ] && umount "$work/h2/data/storage" 2>/dev/null || true
  bash bench/drills/pg.sh destroy "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

storage_fs="not root: cannot mount a small file system for the storage folder"
if [ "$(id -u)" = 0 ]; then
  if mount -t tmpfs -o size=32m tmpfs "$work/h2/data/storage" 2>"$work/mount.err"; then
    mounted=yes
    storage_fs=tmpfs
  else
    storage_fs="mount -t tmpfs failed in this container: $(tr '\n' ' ' <"$work/mount.err")"
  fi
fi
[ "$storage_fs" = tmpfs ] || echo "==> The disk-full drill will be SKIPPED: $storage_fs"

pg_args=()
if [ "${DRILL_PG:-on}" = off ]; then
  echo "==> The database drill will be SKIPPED: DRILL_PG=off"
elif bash bench/drills/pg.sh init "$pg_dir" "$pg_port" 2>"$work/pg.err"; then
  pg_args=("--pg-url=jdbc:postgresql://127.0.0.1:$pg_port/drill"
    "--pg-stop=bash $root/bench/drills/pg.sh stop $pg_dir"
    "--pg-start=bash $root/bench/drills/pg.sh start $pg_dir $pg_port")
else
  echo "==> The database drill will be SKIPPED: $(cat "$work/pg.err")"
fi

java -Xmx512m -cp "$cp" io.visiongrade.web.drill.Drills \
  "--server-home=$server_home" "--war=$root/webapp/target/visiongrade.war" "--work=$work" \
  "--port-offset=$offset" "--lms-port=$lms_port" "--storage-fs=$storage_fs" "${pg_args[@]}" "$@"
