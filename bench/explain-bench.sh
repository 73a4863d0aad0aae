#!/usr/bin/env bash
# Cost of one explanation (Grad-CAM + saliency) with the seed CNN on Fashion-MNIST 28x28: trains it
# for one epoch on a subset (or loads/saves a model directory), then times explaining single images
# after a warm-up. Target: median under 50 ms per explanation.
#
# Usage (from anywhere):  bench/explain-bench.sh [n=50] [threads=2] [train_limit=10000] [model_dir]
# Needs: Maven (offline, dependencies cached) and /usr/share/datasets/fashion-mnist.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
mvn -q ${MVN_OFFLINE--o} -pl model-engine test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP=model-engine/target/classes:model-engine/target/test-classes:$(cat model-engine/target/bench-classpath.txt)
echo "# $(date -u +%FT%TZ) $(nproc) CPUs, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Dai.djl.offline=true -cp "$CP" io.visiongrade.engine.bench.ExplainBench "$@" 2>/dev/null
