#!/usr/bin/env bash
# The broker as a process: p50/p99 of session creation through its API (enforce and sts modes),
# and the rate the limiter admits at 1,000 signed requests a second offered.
# Usage: bench/run-broker.sh [SESSIONS] [SECONDS]   (defaults 200 and 30)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B install -DskipTests -pl cli -am >&2
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -q -B dependency:build-classpath -pl cli -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
cd cli
java -cp "target/test-classes:target/classes:$(cat "$cp_file")" dev.airlock.cli.run.BrokerBench "${1:-200}" "${2:-30}"
