#!/usr/bin/env bash
# Latency of small GetObject through the enforcing endpoint (p50, p90, p99, max, 503s, errors) in
# three phases of one run: no slow clients; while SLOW connections send a request head one byte every
# 2 s and SILENT ones send nothing (reconnecting when dropped); after they left. Also how many slow
# connections the endpoint cut or evicted (issue 9).
# Usage: bench/run-slow-clients.sh [CALLS] [SLOW] [SILENT] [head|body]
#   (defaults: 2000 calls per phase and connection kind, 1000 slow, SLOW/10 silent connections, head;
#   body: each slow connection sends a whole unsigned PutObject head at once, then its 64 KiB body
#   one byte every 2 s)
# AIRLOCK_CODE=COMMIT measures the endpoint of that commit instead of this tree's: the commit is
# exported to a temporary directory and this benchmark file copied into it (e.g. AIRLOCK_CODE=b64fc1a,
# before the fix of issue 9). Builds in the reactor (no mvn install), so ~/.m2 is left as it was.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
calls="${1:-2000}"
slow="${2:-1000}"
silent="${3:-$((slow / 10))}"
mode="${4:-head}"

# Client and endpoint run in one JVM: two descriptors per slow connection, plus the rest.
need=$((2 * (slow + silent) + 1024))
have="$(ulimit -n)"
if [ "$have" != unlimited ] && [ "$have" -lt "$need" ]; then
  if ulimit -n "$need" 2>/dev/null; then
    echo "raised the open-file limit (ulimit -n) from $have to $need" >&2
  else
    echo "need ulimit -n >= $need, have $have (hard limit $(ulimit -Hn))" >&2
    exit 1
  fi
fi

src="$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -n "${AIRLOCK_CODE:-}" ]; then
  src="$work/src"
  mkdir "$src"
  git -C "$root" archive "$AIRLOCK_CODE" | tar -x -C "$src"
  mkdir -p "$src/enforce/src/test/java/dev/airlock/bench"
  cp "$root/enforce/src/test/java/dev/airlock/bench/SlowClientsBenchmark.java" "$src/enforce/src/test/java/dev/airlock/bench/"
  echo "endpoint code of $(git -C "$root" rev-parse --short "$AIRLOCK_CODE")" >&2
fi
cd "$src"
mvn -q -B -DskipTests -pl enforce -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath" >&2
cd enforce
java -Xmx512m -cp "target/test-classes:target/classes:$(cat "$work/classpath")" dev.airlock.bench.SlowClientsBenchmark \
  "$calls" "$slow" "$silent" "$mode"
