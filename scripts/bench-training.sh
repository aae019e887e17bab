#!/usr/bin/env bash
# Training figure (docs/performance.md, "Training"): the same config and data (default 100,000 generated rows,
# 50 epochs) through the platform (REST submit -> queue -> embedded executor over HTTP -> succeeded) against
# the training library called directly on the same CSV file and split (read, train, evaluate, write the bundle).
# After a 10-epoch warm-up run of each, [pairs] (default 5) pairs in alternating order. Prints the BENCH lines.
# On a shared machine, run one benchmark at a time: they measure ratios, but noise still moves them.
#
#   scripts/bench-training.sh [rows] [epochs] [pairs]
set -euo pipefail
cd "$(dirname "$0")/.."
LOG=$(mktemp)
./mvnw -B -q -pl backend/server -am test -Dtest=TrainingPlatformBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtrainyard.perf=true -Dtrainyard.perf.rows="${1:-100000}" -Dtrainyard.perf.epochs="${2:-50}" \
  -Dtrainyard.perf.pairs="${3:-5}" >"$LOG" 2>&1 \
  || { tail -60 "$LOG"; exit 1; }
grep -h "BENCH" "$LOG" | sort -u
rm -f "$LOG"
