#!/usr/bin/env bash
# Tracking benchmarks (docs/performance.md, "Experiment tracking"): metric ingest over HTTP in 10,000-point
# batches against PostgreSQL COPY of the same rows, downsampled history of a 1,000,000-point metric, and the
# first page of a 10,000-run x 20-metric experiment sorted by a metric. Runs the opt-in TrackingBenchmarkTest
# against the test database (embedded PostgreSQL, or Testcontainers where Docker answers) and prints the
# BENCH lines.
#
#   scripts/bench-tracking.sh          # all three
#   scripts/bench-tracking.sh ingest   # only the ingest figure (ingestThroughputAgainstCopy), for quick iterations
set -euo pipefail
TEST=TrackingBenchmarkTest
[ "${1:-}" = ingest ] && TEST="TrackingBenchmarkTest#ingestThroughputAgainstCopy"
cd "$(dirname "$0")/.."
LOG=$(mktemp)
./mvnw -B -q -pl backend/server -am test -Dtest="$TEST" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtrainyard.perf=true >"$LOG" 2>&1 || { tail -50 "$LOG"; exit 1; }
grep -h "BENCH" "$LOG" backend/server/target/surefire-reports/*TrackingBenchmarkTest*-output.txt 2>/dev/null | sort -u
rm -f "$LOG"
