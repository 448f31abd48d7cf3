#!/usr/bin/env bash
# What the enforcing endpoint's revocation check (Revocations.watch) costs per call, on a log of
# LINES lines: with nothing appended since the last check, and after one call event.
# Usage: bench/run-revocation-check.sh [LINES]   (default 100000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B install -DskipTests -pl session -am >&2
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -q -B dependency:build-classpath -pl session -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
cd session
java -cp "target/test-classes:target/classes:$(cat "$cp_file")" dev.airlock.bench.RevocationCheckCost "${1:-100000}"
