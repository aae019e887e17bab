#!/usr/bin/env bash
# Serving figures (docs/performance.md): single-row predictions at a fixed rate and 1,000-row batches.
# Usage: scripts/bench-serving.sh [rate per second, default 200] [seconds, default 20] [Maven options...]
# e.g. -Dbench.jitWarmup=false (the short warm-up only) or -DargLine="-XX:+UseSerialGC" (the test JVM's flags;
# by default it runs with the JVM's defaults, as the shipped server does)
set -euo pipefail
cd "$(dirname "$0")/.."
LOG=$(mktemp)
./mvnw -B -q -pl backend/server -am test -Dtest=ServingBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtrainyard.perf=true -Dbench.rate="${1:-200}" -Dbench.seconds="${2:-20}" "${@:3}" >"$LOG" 2>&1 \
  || { tail -60 "$LOG"; exit 1; }
grep -h "BENCH" "$LOG" | sort -u
rm -f "$LOG"
