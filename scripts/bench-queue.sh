#!/usr/bin/env bash
# Job queue figures for docs/performance.md: claim + complete throughput (facade and HTTP, 8 claimers),
# pickup latency of an idle long-polling executor over HTTP, and the idle cost in PostgreSQL transactions/s,
# with fsync on (as installs run) and off (the embedded library's test settings).
#
#   scripts/bench-queue.sh            # both fsync settings, 20,000 jobs per throughput run
#   BENCH_JOBS=5000 scripts/bench-queue.sh off
#
# Results: backend/server/target/bench-queue-fsync-{on,off}.txt (also printed).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests install
for fsync in "${@:-off on}"; do
  for f in $fsync; do
    ./mvnw -q -B -pl backend/server surefire:test -Dtest=QueueBenchmark -Dbench=true -Dbench.fsync="$f" \
      -Dbench.jobs="${BENCH_JOBS:-20000}" -Dsurefire.failIfNoSpecifiedTests=false | grep '^\[bench\]' || true
  done
done
cat backend/server/target/bench-queue-fsync-*.txt
