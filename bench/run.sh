#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar, runs the JMH benchmarks (Airlock), times the same cases
# through @cloud-copilot/iam-simulate in a separate node process, and prints a markdown table.
# Results are kept in bench/target/results/. Takes about 1.5 minutes on a 2-core machine.
#
# iam-simulate (AGPL-3.0) is never bundled: the script uses tools/differential/node_modules when
# the differential tests have installed it there, or IAM_SIMULATE_DIR (a directory whose
# node_modules holds it), and otherwise installs it into a temporary directory removed on exit.
set -euo pipefail

IAM_SIMULATE_VERSION=0.1.173
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/target/results"
cd "$root"

echo "== building the benchmarks jar" >&2
build=(package -DskipTests -pl bench -am)
mvn -q -o "${build[@]}" >&2 || mvn -q "${build[@]}" >&2
mkdir -p "$out"

modules="${IAM_SIMULATE_DIR:-}"
if [[ -z "$modules" && -d "$root/tools/differential/node_modules/@cloud-copilot/iam-simulate" ]]; then
  modules="$root/tools/differential"
fi
if [[ -z "$modules" ]]; then
  modules="$(mktemp -d)"
  trap 'rm -rf "$modules"' EXIT
  echo "== installing @cloud-copilot/iam-simulate@$IAM_SIMULATE_VERSION into $modules" >&2
  (cd "$modules" && echo '{"private":true}' > package.json \
    && npm install --silent --no-audit --no-fund "@cloud-copilot/iam-simulate@$IAM_SIMULATE_VERSION" >&2)
fi

echo "== JMH: Airlock" >&2
java -jar "$here/target/benchmarks.jar" -f 1 -wi 2 -w 2s -i 3 -r 3s -t 1 \
  -rf json -rff "$out/jmh.json" dev.airlock.bench.EvaluatorBenchmark > "$out/jmh.txt"
grep -A10 '^Benchmark ' "$out/jmh.txt" >&2

echo "== node: iam-simulate" >&2
node "$here/iam-simulate-bench.mjs" --modules "$modules" \
  --warmup-iterations 2 --warmup-seconds 2 --iterations 3 --seconds 3 > "$out/iam-simulate.json"

{
  echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1), node $(node --version)"
  echo
  node "$here/report.mjs" "$out/jmh.json" "$out/iam-simulate.json"
} | tee "$out/table.md"
