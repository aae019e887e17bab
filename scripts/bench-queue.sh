#!/usr/bin/env bash
# Job queue figures for docs/performance.md: claim + complete throughput (facade and HTTP, 8 claimers),
# pickup latency of an idle long-polling executor over HTTP, and the idle cost in PostgreSQL transactions/s,
# with fsync on (as installs run) and off (the embedded library's test settings).
#
#   scripts/bench-queue.sh            # both fsync settings, 20,000 jobs per throughput run
#   BENCH_JOBS=5000 scripts/bench-queue.sh off
#
# The peer (db-scheduler 16.7.1, lock-and-fetch, 8 threads) runs in the same JVM against the same PostgreSQL,
# so noise from other work on the machine hits both alike.
#
# Results: backend/server/target/bench-queue-fsync-{on,off}.txt (also printed).
# Builds the server and the modules it needs in the reactor; installs nothing into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
for fsync in "${@:-off on}"; do
  for f in $fsync; do
    ./mvnw -q -B -pl backend/server -am test -Dtest=QueueBenchmark -Dbench=true -Dbench.fsync="$f" \
      -Dbench.jobs="${BENCH_JOBS:-20000}" -Dsurefire.failIfNoSpecifiedTests=false | grep '^\[bench\]' || true
  done
done
cat backend/server/target/bench-queue-fsync-*.txt
