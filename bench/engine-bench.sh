#!/usr/bin/env bash
# Seed-CNN benchmark: VisionGrade's engine (DJL 0.36 + libtorch 2.7.1) against PyTorch eager
# (Debian python3-torch 1.13, shared/anchors/torch_seed_cnn.py) on Fashion-MNIST, same epochs,
# batch size and threads, run one after the other for several rounds (the machine is shared:
# medians are reported), then a 5-epoch accuracy run of the engine.
#
# Usage (from anywhere):  bench/engine-bench.sh [epochs=1] [batch=32] [threads=2] [rounds=3] [accuracy_epochs=5]
# Needs: Maven (offline, dependencies cached), /usr/bin/python3 with torch, and
#        /usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist).
set -euo pipefail
EPOCHS=${1:-1}
BATCH=${2:-32}
THREADS=${3:-2}
ROUNDS=${4:-3}
ACC_EPOCHS=${5:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ANCHOR=$ROOT/../shared/anchors/torch_seed_cnn.py
PY=/usr/bin/python3
cd "$ROOT"
mvn -q ${MVN_OFFLINE--o} -pl model-engine test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP=model-engine/target/classes:model-engine/target/test-classes:$(cat model-engine/target/bench-classpath.txt)
djl() { java -Dai.djl.offline=true -cp "$CP" io.visiongrade.engine.bench.EngineBench "$@" 2>/dev/null | grep '^djl'; }
field() { sed -E "s/.*$1 ([0-9.]+).*/\1/"; }
accf() { sed -E 's/.*test_acc=([0-9.]+).*/\1/'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "# $(date -u +%FT%TZ) $(nproc) CPUs, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# epochs=$EPOCHS batch=$BATCH threads=$THREADS rounds=$ROUNDS"
: >"$ROOT/model-engine/target/bench-djl.txt"
: >"$ROOT/model-engine/target/bench-torch.txt"
for r in $(seq "$ROUNDS"); do
  d=$(djl "$EPOCHS" "$BATCH" "$THREADS")
  t=$("$PY" "$ANCHOR" "$EPOCHS" "$BATCH" "$THREADS")
  echo "round $r: $d"
  echo "round $r: $t"
  echo "$d" >>"$ROOT/model-engine/target/bench-djl.txt"
  echo "$t" >>"$ROOT/model-engine/target/bench-torch.txt"
done
DT=$(grep -o 'train [0-9.]*' model-engine/target/bench-djl.txt | field train | median)
TT=$(grep -o 'train [0-9.]*' model-engine/target/bench-torch.txt | field train | median)
DI=$(grep -o 'infer [0-9.]*' model-engine/target/bench-djl.txt | field infer | median)
TI=$(grep -o 'infer [0-9.]*' model-engine/target/bench-torch.txt | field infer | median)
DA=$(accf <model-engine/target/bench-djl.txt | median)
TA=$(accf <model-engine/target/bench-torch.txt | median)
awk -v dt="$DT" -v tt="$TT" -v di="$DI" -v ti="$TI" -v da="$DA" -v ta="$TA" 'BEGIN {
  printf "median training:  engine %6.0f img/s  torch %6.0f img/s  ratio %.2fx (target >= 2x)\n", dt, tt, dt / tt
  printf "median inference: engine %6.0f img/s  torch %6.0f img/s  ratio %.2fx (target >= 1.5x)\n", di, ti, di / ti
  printf "median test accuracy after the run: engine %.4f  torch %.4f\n", da, ta }'
if [ "$ACC_EPOCHS" -gt 0 ]; then
  a=$(djl "$ACC_EPOCHS" "$BATCH" "$THREADS")
  echo "accuracy run: $a"
  echo "$a" | accf | awk -v e="$ACC_EPOCHS" '{printf "engine test accuracy after %d epochs: %.4f (target >= 0.90)\n", e, $1}'
fi
