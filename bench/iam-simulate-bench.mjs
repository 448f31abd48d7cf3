#!/usr/bin/env node
// Times the benchmark cases of bench/src/main/resources/bench-cases.json through the reference
// evaluator @cloud-copilot/iam-simulate (AGPL-3.0: installed with npm only when benchmarking, run
// as a separate process, never bundled with Airlock).
//
// Usage: node bench/iam-simulate-bench.mjs --modules DIR [--cases FILE]
//          [--warmup-iterations 2] [--warmup-seconds 2] [--iterations 3] [--seconds 3]
//   DIR is a directory whose node_modules holds @cloud-copilot/iam-simulate (the
//   IAM_SIMULATE_DIR environment variable works too).
//
// Like the JMH side, each policy is checked once up front (createValidatedPolicy, the library's
// own way to validate a policy once and reuse it), and only runSimulation is timed. Prints one
// JSON object on stdout: per case, decisions/second per measurement iteration, their mean and a
// 99.9% confidence half-width computed the way JMH computes its "Error" column.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const opts = {
    modules: process.env.IAM_SIMULATE_DIR,
    cases: join(here, 'src/main/resources/bench-cases.json'),
    warmupIterations: 2,
    warmupSeconds: 2,
    iterations: 3,
    seconds: 3
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    switch (flag) {
      case '--modules': opts.modules = value; break;
      case '--cases': opts.cases = value; break;
      case '--warmup-iterations': opts.warmupIterations = Number(value); break;
      case '--warmup-seconds': opts.warmupSeconds = Number(value); break;
      case '--iterations': opts.iterations = Number(value); break;
      case '--seconds': opts.seconds = Number(value); break;
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  if (!opts.modules) throw new Error('--modules DIR (or IAM_SIMULATE_DIR) is required');
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const require = createRequire(join(resolve(opts.modules), 'package.json'));
const { runSimulation } = require('@cloud-copilot/iam-simulate');
const {
  createValidatedPolicy,
  validateIdentityPolicy,
  validateResourcePolicy,
  validateServiceControlPolicy,
  validateSessionPolicy
} = require(createRequire(require.resolve('@cloud-copilot/iam-simulate'))
  .resolve('@cloud-copilot/iam-policy'));

/** The installed iam-simulate version, from the nearest package.json of that name above its entry point. */
function installedVersion() {
  let dir = dirname(require.resolve('@cloud-copilot/iam-simulate'));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === '@cloud-copilot/iam-simulate') return pkg.version;
    } catch {
      // no package.json here
    }
    const up = dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}
const simulateVersion = installedVersion();

/**
 * One value as a string, several as an array. iam-simulate turns a single value into an array
 * itself for keys whose type is an array (aws:PrincipalOrgPaths).
 */
function contextFor(context) {
  const out = {};
  for (const [key, values] of Object.entries(context)) {
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

function validated(policy, validate) {
  const v = createValidatedPolicy(policy, validate);
  if (v.errors.length > 0) {
    throw new Error(`invalid policy: ${JSON.stringify(v.errors)}`);
  }
  return v;
}

/** The Simulation for one case, with every policy validated once. */
function simulationFor(c) {
  const p = c.policies;
  const sim = {
    request: {
      principal: c.request.principal,
      action: c.request.action,
      resource: { resource: c.request.resource, accountId: c.request.resourceAccount },
      contextVariables: contextFor(c.request.context)
    },
    identityPolicies: (p.identity ?? []).map((x) => ({ name: x.name, policy: validated(x.policy, validateIdentityPolicy) })),
    serviceControlPolicies: (p.scps ?? []).map((level) => ({
      orgIdentifier: level.orgIdentifier,
      policies: level.policies.map((x) => ({ name: x.name, policy: validated(x.policy, validateServiceControlPolicy) }))
    })),
    resourceControlPolicies: []
  };
  if (p.resource) sim.resourcePolicy = validated(p.resource.policy, validateResourcePolicy);
  if (p.session) sim.sessionPolicy = validated(p.session.policy, validateSessionPolicy);
  if (p.permissionsBoundary) {
    sim.permissionBoundaryPolicies = [
      { name: p.permissionsBoundary.name, policy: validated(p.permissionsBoundary.policy, validateIdentityPolicy) }
    ];
  }
  return sim;
}

async function check(c, sim) {
  const result = await runSimulation(sim, {});
  if (result.resultType === 'error') {
    throw new Error(`${c.id}: iam-simulate refused the simulation: ${JSON.stringify(result.errors)}`);
  }
  if (result.overallResult !== c.expected) {
    throw new Error(`${c.id}: iam-simulate says ${result.overallResult}, the case expects ${c.expected}`);
  }
  const ignored = result.resultType === 'single' ? result.result.ignoredContextKeys ?? [] : [];
  if (ignored.length > 0) {
    throw new Error(`${c.id}: iam-simulate ignored context keys ${ignored.join(', ')}; the engines would see different requests`);
  }
  return result.overallResult;
}

/** Runs runSimulation back to back for `seconds`; returns decisions per second. */
async function iteration(sim, seconds) {
  const budget = seconds * 1000;
  let ops = 0;
  let sink = 0;
  const start = performance.now();
  let now = start;
  while (now - start < budget) {
    for (let k = 0; k < 16; k++) {
      const r = await runSimulation(sim, {});
      sink += r.overallResult.length;
    }
    ops += 16;
    now = performance.now();
  }
  if (sink === 0) throw new Error('no results');
  return ops / ((now - start) / 1000);
}

// Two-sided Student t quantiles at 99.95% (JMH's 99.9% confidence interval), by degrees of freedom.
const T_99_9 = [NaN, 636.619, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587];

function stats(values) {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, error: NaN };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const t = T_99_9[Math.min(n - 1, T_99_9.length - 1)];
  return { mean, error: t * Math.sqrt(variance / n) };
}

const file = JSON.parse(readFileSync(opts.cases, 'utf8'));
const results = [];
for (const c of file.cases) {
  const sim = simulationFor(c);
  const decision = await check(c, sim);
  const warmup = [];
  for (let i = 0; i < opts.warmupIterations; i++) warmup.push(await iteration(sim, opts.warmupSeconds));
  const measured = [];
  for (let i = 0; i < opts.iterations; i++) measured.push(await iteration(sim, opts.seconds));
  const { mean, error } = stats(measured);
  results.push({ id: c.id, decision, warmup, iterations: measured, score: mean, error, unit: 'ops/s' });
  process.stderr.write(`iam-simulate ${c.id}: ${mean.toFixed(0)} ± ${error.toFixed(0)} ops/s (${decision})\n`);
}

console.log(JSON.stringify({
  engine: '@cloud-copilot/iam-simulate',
  version: simulateVersion,
  node: process.version,
  warmup: { iterations: opts.warmupIterations, seconds: opts.warmupSeconds },
  measurement: { iterations: opts.iterations, seconds: opts.seconds },
  results
}, null, 2));
