#!/usr/bin/env bash
# Starts VisionGrade on the WildFly that the build provisioned, in the foreground.
# Called by `mvn -Prun package` (webapp/pom.xml); Ctrl-C stops the server cleanly.
# Usage: run.sh SERVER_HOME WAR DATA_DIR DJL_CACHE_DIR
set -euo pipefail
server_home=$1 war=$2 data_dir=$3 djl_cache=$4
shift 4
port=${VISIONGRADE_PORT:-8080}
offset=$((port - 8080))

mkdir -p "$data_dir" "$djl_cache"
deployments="$server_home/standalone/deployments"
rm -f "$deployments"/visiongrade.war*
cp "$war" "$deployments/visiongrade.war"

export JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx2g} -Djava.net.preferIPv4Stack=true \
 -Dai.djl.offline=true -DDJL_CACHE_DIR=$djl_cache -DENGINE_CACHE_DIR=$djl_cache \
 -Dvisiongrade.data.dir=$data_dir -Djboss.socket.binding.port-offset=$offset \
 -Dvisiongrade.base.url=http://localhost:$port/ -Dvisiongrade.demo=${VISIONGRADE_DEMO:-true}"

# standalone.sh runs java in the background and forwards TERM to it (LAUNCH_JBOSS_IN_BACKGROUND);
# a background job of a script ignores SIGINT, so Ctrl-C reaches the server as TERM from stop().
export LAUNCH_JBOSS_IN_BACKGROUND=1
"$server_home/bin/standalone.sh" -c standalone-microprofile.xml -b 127.0.0.1 "$@" &
server=$!
stop() {
  echo "==> Stopping VisionGrade..."
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  exit 0
}
trap stop INT TERM

url="http://localhost:$port/"
for _ in $(seq 1 240); do
  if ! kill -0 "$server" 2>/dev/null; then echo "WildFly exited during start-up" >&2; exit 1; fi
  if curl -fsS -o /dev/null "${url}health/ready" 2>/dev/null; then
    printf '\n==> VisionGrade is running: open %s  (data in %s; Ctrl-C stops it)\n\n' "$url" "$data_dir"
    break
  fi
  sleep 0.5
done
wait "$server"
