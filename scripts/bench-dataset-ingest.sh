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

echo "sha256sum baseline..."
T0=$(date +%s.%N); sha256sum "$WORK/data.csv" >/dev/null; T1=$(date +%s.%N)
SHA_S=$(awk "BEGIN{print $T1 - $T0}")

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
curl -fs -H "$AUTH" -H 'Content-Type: application/json' -d '{"name":"bench"}' \
  "http://127.0.0.1:$PORT/api/v1/projects/default/datasets" >/dev/null

# heap sampling while the upload runs
( while kill -0 "$SERVER_PID" 2>/dev/null; do
    curl -fs -H "$AUTH" "http://127.0.0.1:$PORT/actuator/prometheus" \
      | awk '/^jvm_memory_used_bytes\{area="heap"/ {sum += $2} END {if (sum > 0) printf "%d\n", sum}' || true
    sleep 0.5
  done ) > "$WORK/heap.txt" &
SAMPLER=$!

echo "uploading..."
T0=$(date +%s.%N)
STATUS=$(curl -s -o "$WORK/version.json" -w '%{http_code}' -H "$AUTH" \
  -F "file=@$WORK/data.csv;type=text/csv" "http://127.0.0.1:$PORT/api/v1/projects/default/datasets/bench/versions")
T1=$(date +%s.%N)
kill $SAMPLER 2>/dev/null || true
UPLOAD_S=$(awk "BEGIN{print $T1 - $T0}")
[ "$STATUS" = 201 ] || { echo "upload failed: HTTP $STATUS"; cat "$WORK/version.json"; exit 1; }
ROWS=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rowCount"])' "$WORK/version.json")
MAX_HEAP=$(sort -n "$WORK/heap.txt" | tail -1)

echo "date:        $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine:     $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "file:        $BYTES bytes, $ROWS rows"
printf 'sha256sum:   %.2f s (%.0f MB/s)\n' "$SHA_S" "$(awk "BEGIN{print $BYTES / 1048576 / $SHA_S}")"
printf 'ingest:      %.2f s (%.0f MB/s), upload + hash + store + profile\n' "$UPLOAD_S" "$(awk "BEGIN{print $BYTES / 1048576 / $UPLOAD_S}")"
printf 'ratio:       %.2f (ingest throughput / sha256sum throughput; target >= 0.3)\n' "$(awk "BEGIN{print $SHA_S / $UPLOAD_S}")"
echo "heap max:    $((MAX_HEAP / 1048576)) MB used (of -Xmx512m), $(wc -l < "$WORK/heap.txt") samples"
