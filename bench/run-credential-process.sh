#!/usr/bin/env bash
# Wall time of Debian's `aws s3 ls` (/usr/bin/aws) whose credentials come from
# `credential_process = airlock credentials ...`: static keys (the floor), no helper, the helper
# with a scope not yet issued (cold), and the helper with a cached session. STS is the local
# double, S3 a local S3Proxy. Usage: bench/run-credential-process.sh [RUNS]   (default 10)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B install -DskipTests -pl cli -am >&2
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -q -B dependency:build-classpath -pl cli -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
cd cli
java -cp "target/test-classes:target/classes:$(cat "$cp_file")" dev.airlock.cli.run.CredentialProcessBench "${1:-10}"
