#!/usr/bin/env node
// Prints the markdown comparison table from a JMH JSON result file and the JSON that
// iam-simulate-bench.mjs printed.  Usage: node bench/report.mjs JMH.json IAM_SIMULATE.json
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [jmhFile, simFile] = process.argv.slice(2);
if (!jmhFile || !simFile) {
  console.error('usage: node bench/report.mjs JMH.json IAM_SIMULATE.json');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const cases = JSON.parse(readFileSync(join(here, 'src/main/resources/bench-cases.json'), 'utf8')).cases;
const jmh = JSON.parse(readFileSync(jmhFile, 'utf8'));
const sim = JSON.parse(readFileSync(simFile, 'utf8'));

const fmt = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');

const rows = [
  '| Case | Airlock (decisions/s) | Airlock error (99.9%) | iam-simulate (decisions/s) | iam-simulate error (99.9%) | Airlock / iam-simulate |',
  '| --- | ---: | ---: | ---: | ---: | ---: |'
];
for (const c of cases) {
  const ours = jmh.find((r) => r.benchmark.endsWith(`.${c.id}`));
  const theirs = sim.results.find((r) => r.id === c.id);
  const oursScore = ours ? ours.primaryMetric.score : NaN;
  const oursError = ours ? ours.primaryMetric.scoreError : NaN;
  const ratio = ours && theirs ? `${(oursScore / theirs.score).toFixed(0)}x` : 'n/a';
  rows.push(`| ${c.title} (\`${c.id}\`) | ${fmt(oursScore)} | ± ${fmt(oursError)} | ${theirs ? fmt(theirs.score) : 'n/a'} | ${theirs ? '± ' + fmt(theirs.error) : 'n/a'} | ${ratio} |`);
}
console.log(rows.join('\n'));
const first = jmh[0];
if (first) {
  console.log();
  console.log(`JMH ${first.jmhVersion}, ${first.vmName} ${first.vmVersion}, ${first.forks} fork, ${first.threads} thread, `
    + `warmup ${first.warmupIterations}x${first.warmupTime}, measurement ${first.measurementIterations}x${first.measurementTime}. `
    + `iam-simulate ${sim.version} on node ${sim.node}, warmup ${sim.warmup.iterations}x${sim.warmup.seconds} s, `
    + `measurement ${sim.measurement.iterations}x${sim.measurement.seconds} s. Every request decided: `
    + sim.results.map((r) => `${r.id} ${r.decision}`).join(', ') + '.');
}
