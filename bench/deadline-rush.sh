#!/usr/bin/env bash
# Deadline-rush benchmark (not part of any test run; see bench/README.md):
# the packaged server with its embedded database in demo mode, an LMS with 300 students, a trained
# course model; all students launch through LTI and submit within 60 s (image answers and CNN
# specs). Prints accepted / rejected / lost, latency percentiles, queue drain rate against
# back-to-back spec jobs, peak RSS and start-up time. Takes about 5-8 minutes on 2 cores.
# Usage: bench/deadline-rush.sh [--students=300] [--window=60] [--anchor=5] [--spec-epochs=20]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
echo "==> Building the server and the benchmark classes"
cp=$(bash bench/drills/classpath.sh | tail -1)
server_home=$(ls -d "$root"/webapp/target/server/wildfly-* | head -1)
work=$(mktemp -d /tmp/visiongrade-rush.XXXXXX)
cleanup() {
  for pid in $(pgrep -f "jboss.server.base.dir=$work/" || true); do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
echo "==> $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
java -Xmx1g -cp "$cp" io.visiongrade.web.drill.DeadlineRush \
  "--server-home=$server_home" "--war=$root/webapp/target/visiongrade.war" "--work=$work" \
  "--port-offset=${RUSH_PORT_OFFSET:-1200}" "--lms-port=${RUSH_LMS_PORT:-9295}" "$@"
echo "==> load average $(cut -d' ' -f1-3 /proc/loadavg) after the run"
