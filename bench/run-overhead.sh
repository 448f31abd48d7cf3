#!/usr/bin/env bash
# Whole-process overhead of `airlock run ... -- true` against the local STS/IAM double, versus `true`
# run directly: served by the resident helper (the default) and in its own process
# (AIRLOCK_HELPER=off: JVM start, config, session policy, role check, STS AssumeRole, session record,
# two audit lines, child start). Usage: bench/run-overhead.sh [RUNS]   (default 30)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B install -DskipTests -pl cli -am >&2
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -q -B dependency:build-classpath -pl cli -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
cd cli
java -cp "target/test-classes:target/classes:$(cat "$cp_file")" dev.airlock.cli.run.RunOverhead "${1:-30}"
