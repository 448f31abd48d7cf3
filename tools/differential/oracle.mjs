#!/usr/bin/env node
// Differential-test oracle: answers `airlock check --batch` requests with the reference evaluator
// @cloud-copilot/iam-simulate.
//
// The reference is AGPL-3.0. It is installed by npm into tools/differential/node_modules at test
// time only (package.json and package-lock.json here pin it) and is only ever run as this
// separate process: nothing of it is bundled, vendored or copied into Airlock.
//
// Input (stdin): JSON Lines, one request per line, in the batch format of `airlock check --batch`:
//   {"identityPolicies": [policy | {"name", "policy"}], "resourcePolicy"?, "sessionPolicy"?,
//    "permissionBoundary"?, "scps"?: [[policy...] per level, root first], "rcps"?: same,
//    "action", "resource", "resourceAccount"?, "principal", "context"?: {key: value | [values]}}
// Output (stdout): one JSON object per input line, in order: {"decision": "Allowed" |
// "ImplicitlyDenied" | "ExplicitlyDenied"} or {"error": "..."} when the line is malformed or the
// reference cannot evaluate it as given (it rejects the request, or it would silently evaluate a
// different request, e.g. by dropping a context key it does not know for the action).
//
// Usage: node tools/differential/oracle.mjs < requests.jsonl > answers.jsonl
import { createInterface } from 'node:readline';
import { runSimulation, typeForContextKey, isConditionKeyArray } from '@cloud-copilot/iam-simulate';

/** A policy item is either a policy document or {"name": ..., "policy": ...} (as RequestJson reads it). */
function named(item, fallbackName) {
  if (item && typeof item === 'object' && !Array.isArray(item) && 'policy' in item && 'name' in item
      && !('Statement' in item)) {
    return { name: String(item.name), policy: parsePolicy(item.policy) };
  }
  return { name: fallbackName, policy: parsePolicy(item) };
}

/** RequestJson also accepts a policy given as a JSON string. */
function parsePolicy(p) {
  return typeof p === 'string' ? JSON.parse(p) : p;
}

function levels(value, field) {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${field} must be an array of levels`);
  return value.map((level, i) => {
    if (!Array.isArray(level)) throw new Error(`${field}[${i}] must be an array of policies`);
    const orgIdentifier = i === 0 ? 'r-root' : i === value.length - 1 ? 'account' : `ou-level-${i}`;
    return { orgIdentifier, policies: level.map((p, j) => named(p, `${field}[${i}][${j}]`)) };
  });
}

/** The account field of an ARN, or undefined. */
function arnAccount(value) {
  if (typeof value !== 'string' || !value.startsWith('arn:')) return undefined;
  const parts = value.split(':');
  return parts.length >= 6 && parts[4] ? parts[4] : undefined;
}

function requiredString(req, field) {
  const v = req[field];
  if (typeof v !== 'string' || v.length === 0) throw new Error(`"${field}" is required and must be a non-empty string`);
  return v;
}

/**
 * Converts the batch context to the reference's contextVariables. Refuses what the reference would
 * silently change: an unknown key (it throws), or several values for a single-valued key (it keeps
 * only the first).
 */
async function contextVariables(context) {
  const out = {};
  if (context === undefined || context === null) return out;
  if (typeof context !== 'object' || Array.isArray(context)) throw new Error('context must be an object');
  for (const [key, raw] of Object.entries(context)) {
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => String(v));
    let type;
    try {
      type = await typeForContextKey(key);
    } catch {
      throw new Error(`context key ${key} is unknown to the reference`);
    }
    if (isConditionKeyArray(type)) {
      out[key] = values;
    } else if (values.length === 1) {
      out[key] = values[0];
    } else {
      throw new Error(`context key ${key} is single-valued (${type}) for the reference but has ${values.length} values`);
    }
  }
  return out;
}

async function toSimulation(req) {
  if (!req || typeof req !== 'object' || Array.isArray(req)) throw new Error('a request must be a JSON object');
  const action = requiredString(req, 'action');
  const resource = requiredString(req, 'resource');
  const principal = requiredString(req, 'principal');
  const identities = req.identityPolicies ?? [];
  if (!Array.isArray(identities)) throw new Error('identityPolicies must be an array');
  const accountId = req.resourceAccount ?? arnAccount(resource) ?? arnAccount(principal) ?? '';
  const simulation = {
    request: {
      principal,
      action,
      resource: { resource, accountId },
      contextVariables: await contextVariables(req.context)
    },
    identityPolicies: identities.map((p, i) => named(p, `identityPolicies[${i}]`)),
    serviceControlPolicies: levels(req.scps, 'scps'),
    resourceControlPolicies: levels(req.rcps, 'rcps')
  };
  if (req.resourcePolicy !== undefined && req.resourcePolicy !== null) {
    simulation.resourcePolicy = named(req.resourcePolicy, 'resourcePolicy').policy;
  }
  if (req.sessionPolicy !== undefined && req.sessionPolicy !== null) {
    simulation.sessionPolicy = named(req.sessionPolicy, 'sessionPolicy').policy;
  }
  if (req.permissionBoundary !== undefined && req.permissionBoundary !== null) {
    simulation.permissionBoundaryPolicies = [named(req.permissionBoundary, 'permissionBoundary')];
  }
  return simulation;
}

async function answer(line) {
  let req;
  try {
    req = JSON.parse(line);
  } catch (e) {
    return { error: `malformed JSON: ${e.message}` };
  }
  let simulation;
  try {
    simulation = await toSimulation(req);
  } catch (e) {
    return { error: `cannot map the request for the reference: ${e && e.message ? e.message : String(e)}` };
  }
  try {
    const result = await runSimulation(simulation, {});
    if (result.resultType === 'error') {
      return { error: `reference rejected the request: ${JSON.stringify(result.errors)}` };
    }
    if (result.resultType !== 'single') {
      return { error: `reference ran a ${result.resultType} simulation (wildcard in the request resource)` };
    }
    const ignored = result.result?.ignoredContextKeys ?? [];
    if (ignored.length > 0) {
      return { error: `reference ignores context keys not defined for ${req.action}: ${ignored.join(', ')}` };
    }
    return { decision: result.overallResult };
  } catch (e) {
    return { error: `reference failed: ${e && e.message ? e.message : String(e)}` };
  }
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
const out = [];
const flushEvery = 512;
for await (const line of rl) {
  if (line.trim().length === 0) continue;
  out.push(JSON.stringify(await answer(line)));
  if (out.length >= flushEvery) {
    process.stdout.write(out.join('\n') + '\n');
    out.length = 0;
  }
}
if (out.length > 0) process.stdout.write(out.join('\n') + '\n');
