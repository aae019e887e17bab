#!/usr/bin/env bash
# Builds the server (skipping tests) and starts it with an embedded PostgreSQL and the filesystem blob store.
# Arguments go to the server, e.g. --server.port=9090 --trainyard.data-dir=/srv/ty
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests -pl backend/server -am package
exec java -jar backend/server/target/trainyard-server.jar "$@"
