#!/usr/bin/env bash
# Added latency (p50, p99) of small GetObject through the enforcing endpoint versus directly to the
# same S3Proxy, and large-object throughput as a ratio to direct, in one run.
# Usage: bench/run-endpoint.sh [CALLS] [LARGE_MIB]   (default 5000 calls, 512 MiB)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B install -DskipTests -pl enforce -am >&2
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -q -B dependency:build-classpath -pl enforce -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
cd enforce
java -Xmx512m -cp "target/test-classes:target/classes:$(cat "$cp_file")" dev.airlock.bench.EndpointBenchmark "${1:-5000}" "${2:-512}"
