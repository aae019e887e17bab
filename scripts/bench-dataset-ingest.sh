#!/usr/bin/env bash
# Dataset ingest benchmark: a generated CSV (10 numeric + 3 categorical columns, default 1 GB) uploaded to
# a server running with a 512 MB heap; compares ingest throughput (hash + store + profile, measured as the
# upload's wall time) with `sha256sum` of the same file, and samples the server's heap during the upload.
#
#   ./mvnw -B -q -DskipTests package && scripts/bench-dataset-ingest.sh [size-in-MB]
#
# Loopback only; the server, its embedded PostgreSQL and the files live in a temp dir removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MB=${1:-1024}
PORT=${PORT:-18097}
JAR=backend/server/target/trainyard-server.jar
PASSWORD=bench-admin-password
[ -f "$JAR" ] || { echo "build the jar first: ./mvnw -B -q -DskipTests package" >&2; exit 1; }

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "generating ${SIZE_MB} MB of CSV..."
python3 - "$WORK/data.csv" "$SIZE_MB" <<'PY'
import random, sys
path, size_mb = sys.argv[1], int(sys.argv[2])
target = size_mb * 1024 * 1024
rnd = random.Random(42)
cities = ["Berlin", "Paris", "Rome", "Madrid", "Oslo", "Vienna", "Prague", "Lisbon"]
tiers = ["gold", "silver", "bronze"]
with open(path, "w") as out:
    out.write(",".join([f"x{i}" for i in range(10)] + ["city", "tier", "segment"]) + "\n")
    written, rows = 0, []
    while written < target:
        row = ",".join([f"{rnd.gauss(0, 1) * (i + 1):.5f}" for i in range(10)]
                       + [rnd.choice(cities), rnd.choice(tiers), f"s{rnd.randrange(200)}"]) + "\n"
        rows.append(row)
        written += len(row)
        if len(rows) == 10000:
            out.write("".join(rows)); rows = []
    out.write("".join(rows))
PY
BYTES=$(stat -c %s "$WORK/data.csv")

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo "sha256sum baseline (median of 3; this machine's cores differ in speed)..."
SHA_S=$(for _ in 1 2 3; do
  T0=$(date +%s.%N); sha256sum "$WORK/data.csv" >/dev/null; T1=$(date +%s.%N); awk "BEGIN{print $T1 - $T0}"
done | median)

echo "starting the server (-Xmx512m)..."
TRAINYARD_ADMIN_PASSWORD=$PASSWORD java -Xmx512m -jar "$JAR" --server.port=$PORT --server.address=127.0.0.1 \
  --trainyard.data-dir="$WORK/data" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 1800); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q UP && break
  sleep 0.1
done
# a token, so that heap samples do not spend CPU on bcrypt
TOKEN=$(curl -fs -u admin:$PASSWORD -H 'Content-Type: application/json' -d '{"name":"bench","scopes":["admin"]}' \
  "http://127.0.0.1:$PORT/api/v1/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
AUTH="Authorization: Bearer $TOKEN"
for name in bench-raw-1 bench-raw-2 bench-raw-3 bench-multipart; do
  curl -fs -H "$AUTH" -H 'Content-Type: application/json' -d "{\"name\":\"$name\"}" \
    "http://127.0.0.1:$PORT/api/v1/projects/default/datasets" >/dev/null
done

# heap sampling while the upload runs
( while kill -0 "$SERVER_PID" 2>/dev/null; do
    curl -fs -H "$AUTH" "http://127.0.0.1:$PORT/actuator/prometheus" \
      | awk '/^jvm_memory_used_bytes/ && /area="heap"/ {sum += $NF} END {if (sum > 0) printf "%d\n", sum}' || true
    sleep 0.5
  done ) > "$WORK/heap.txt" &
SAMPLER=$!

# warm up (JIT) with a small file both ways, as a server that has served uploads before would be
head -n 200000 "$WORK/data.csv" > "$WORK/warm.csv"
for name in warm-raw warm-multipart; do
  curl -fs -H "$AUTH" -H 'Content-Type: application/json' -d "{\"name\":\"$name\"}" \
    "http://127.0.0.1:$PORT/api/v1/projects/default/datasets" >/dev/null
done
curl -fs -o /dev/null -H "$AUTH" -X POST -H 'Content-Type: text/csv' -T "$WORK/warm.csv" \
  "http://127.0.0.1:$PORT/api/v1/projects/default/datasets/warm-raw/versions"
curl -fs -o /dev/null -H "$AUTH" -F "file=@$WORK/warm.csv;type=text/csv" \
  "http://127.0.0.1:$PORT/api/v1/projects/default/datasets/warm-multipart/versions"

# time one upload; prints seconds, fails unless the server answers 201
timed_upload() {
  local t0 t1 status
  t0=$(date +%s.%N)
  status=$(curl -s -o "$WORK/version.json" -w '%{http_code}' -H "$AUTH" "$@")
  t1=$(date +%s.%N)
  [ "$status" = 201 ] || { echo "upload failed: HTTP $status" >&2; cat "$WORK/version.json" >&2; exit 1; }
  awk "BEGIN{print $t1 - $t0}"
}
echo "uploading as the request body (median of 3, each into its own dataset)..."
RAW_RUNS=$(for i in 1 2 3; do timed_upload -X POST -H 'Content-Type: text/csv' -T "$WORK/data.csv" \
  "http://127.0.0.1:$PORT/api/v1/projects/default/datasets/bench-raw-$i/versions?filename=data.csv"; done)
RAW_S=$(echo "$RAW_RUNS" | median)
echo "uploading as multipart/form-data..."
MULTIPART_S=$(timed_upload -F "file=@$WORK/data.csv;type=text/csv" \
  "http://127.0.0.1:$PORT/api/v1/projects/default/datasets/bench-multipart/versions")
kill $SAMPLER 2>/dev/null || true
ROWS=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rowCount"])' "$WORK/version.json")
MAX_HEAP=$(sort -n "$WORK/heap.txt" | tail -1)

echo "date:        $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine:     $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "file:        $BYTES bytes, $ROWS rows"
printf 'sha256sum:   %.2f s (%.0f MB/s)\n' "$SHA_S" "$(awk "BEGIN{print $BYTES / 1048576 / $SHA_S}")"
echo "body runs:   $(echo $RAW_RUNS)"
printf 'body:        %.2f s (%.0f MB/s), ratio %.2f  (CSV as the request body: upload + hash + store + profile)\n' \
  "$RAW_S" "$(awk "BEGIN{print $BYTES / 1048576 / $RAW_S}")" "$(awk "BEGIN{print $SHA_S / $RAW_S}")"
printf 'multipart:   %.2f s (%.0f MB/s), ratio %.2f  (multipart: the container spools the part to disk first)\n' \
  "$MULTIPART_S" "$(awk "BEGIN{print $BYTES / 1048576 / $MULTIPART_S}")" "$(awk "BEGIN{print $SHA_S / $MULTIPART_S}")"
echo "ratio = ingest throughput / sha256sum throughput on the same file and machine; target >= 0.3"
echo "heap max:    $(( ${MAX_HEAP:-0} / 1048576 )) MB used (of -Xmx512m), $(wc -l < "$WORK/heap.txt") samples every 0.5 s"
