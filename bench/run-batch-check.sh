#!/usr/bin/env bash
# Whole-process throughput of `airlock check --batch -`: JVM start, reading N JSON Lines requests on
# stdin, deciding them, writing one decision per line. The input comes from bench/generate-batch.mjs
# (deterministic: the same N always gives the same file) and is made once, in bench/target/.
# Builds cli/target/airlock.jar first when it is missing or older than the sources. Prints each run
# and the median, in lines per second.
#
# usage: bench/run-batch-check.sh [N] [RUNS]   (defaults: 1000000 lines, 3 runs)
set -euo pipefail

n="${1:-1000000}"
runs="${2:-3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$root/cli/target/airlock.jar"
cd "$root"

stale=""
if [[ ! -f "$jar" ]]; then
  stale=yes
elif [[ -n "$(find policy catalog audit session enforce cli -path '*/src/main/*' -type f -newer "$jar" -print -quit)" ]]; then
  stale=yes
fi
if [[ -n "$stale" ]]; then
  echo "== building $jar" >&2
  build=(package -DskipTests -pl cli -am)
  mvn -q -B -o "${build[@]}" >&2 || mvn -q -B "${build[@]}" >&2
fi

mkdir -p "$here/target"
input="$here/target/batch-$n.jsonl"
output="$here/target/batch-$n.out.jsonl"
if [[ ! -s "$input" ]]; then
  echo "== generating $input" >&2
  node "$here/generate-batch.mjs" "$n" > "$input.tmp"
  mv "$input.tmp" "$input"
fi
echo "== input: $n lines, $(( $(stat -c %s "$input") / 1048576 )) MiB; $(nproc) cores" >&2

rates=()
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  status=0
  "$root/bin/airlock" check --batch - < "$input" > "$output" || status=$?
  end=$(date +%s%N)
  if [[ $status -ne 0 ]]; then
    echo "run $i: airlock check --batch exited with $status (a line was refused?); see $output" >&2
    exit 1
  fi
  lines=$(wc -l < "$output")
  if [[ "$lines" -ne "$n" ]]; then
    echo "run $i: $lines output lines for $n input lines" >&2
    exit 1
  fi
  rate=$(( n * 1000000000 / (end - start) ))
  rates+=("$rate")
  printf 'run %d: %d lines in %d ms: %d lines/s\n' "$i" "$n" $(( (end - start) / 1000000 )) "$rate"
done

median=$(printf '%s\n' "${rates[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
printf 'decisions: %s\n' "$(cut -c1-40 "$output" | sed -E 's/^\{"decision":"([A-Za-z]+)".*/\1/' | sort | uniq -c | tr -s ' ' | paste -sd, -)"
printf 'median of %d runs: %d lines/s\n' "$runs" "$median"
