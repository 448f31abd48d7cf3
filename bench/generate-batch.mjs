#!/usr/bin/env node
// Writes a JSON Lines file for `airlock check --batch`: N requests (default 100,000) that draw their
// policies from a small fixed set, as a batch from a real policy audit does (the same role's policies,
// bucket policy and SCPs on every line, different actions, resources, callers and context).
// Deterministic: the same N always gives the same file.
//
// usage: node bench/generate-batch.mjs [N] > requests.jsonl
const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const n = Number(process.argv[2] ?? 100000);

// A fixed linear congruential generator (mod 2^32, in exact 32-bit integer arithmetic: a plain
// product would exceed a double's 53 bits), so the file is the same on every run and machine.
let seed = 20240601;
function next() {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
}
function pick(list) {
  return list[Math.floor(next() * list.length)];
}

const appRole = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'ReadAssets', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::acme-assets-*', 'arn:aws:s3:::acme-assets-*/*'] },
    { Sid: 'WriteUploads', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'],
      Resource: 'arn:aws:s3:::acme-uploads/incoming/${aws:username}/*' },
    { Sid: 'Orders', Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
      Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders*`,
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${aws:username}'] } } },
    { Sid: 'Queue', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:*:${ACCOUNT}:orders-*` },
    { Sid: 'NoDeletes', Effect: 'Deny', Action: ['s3:DeleteObject', 'dynamodb:DeleteItem'], Resource: '*' },
    { Sid: 'OfficeOnly', Effect: 'Deny', Action: '*', Resource: '*',
      Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] },
        Bool: { 'aws:ViaAWSService': 'false' } } }
  ]
};
const readOnly = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 'dynamodb:Get*', 'dynamodb:Query', 'sqs:Receive*'],
      Resource: '*' },
    { Effect: 'Allow', Action: 'kms:Decrypt', Resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/*`,
      Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } }
  ]
};
const admin = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
const bucketPolicy = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
      Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::acme-assets-prod', 'arn:aws:s3:::acme-assets-prod/*'] },
    { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::acme-assets-prod/*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } } }
  ]
};
const boundary = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:*', 'sqs:*', 'dynamodb:*'], Resource: '*' },
    { Effect: 'Deny', Action: 'iam:*', Resource: '*' }
  ]
};
const rootScp = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
const regionScp = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: '*', Resource: '*' },
    { Sid: 'Regions', Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*'], Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } }
  ]
};

// Policy sets a line draws from, each as it would appear in a batch file.
const sets = [
  { identityPolicies: [{ name: 'AppRole', policy: appRole }] },
  { identityPolicies: [{ name: 'AppRole', policy: appRole }], permissionBoundary: boundary },
  { identityPolicies: [{ name: 'ReadOnly', policy: readOnly }], resourcePolicy: bucketPolicy },
  { identityPolicies: [{ name: 'AppRole', policy: appRole }, { name: 'ReadOnly', policy: readOnly }],
    scps: [[rootScp], [regionScp]] },
  { identityPolicies: [{ name: 'Admin', policy: admin }], scps: [[rootScp], [regionScp]] },
  { identityPolicies: [{ name: 'ReadOnly', policy: readOnly }], resourcePolicy: bucketPolicy,
    permissionBoundary: boundary }
];
const requests = [
  ['s3:GetObject', 'arn:aws:s3:::acme-assets-prod/img/logo.png'],
  ['s3:ListBucket', 'arn:aws:s3:::acme-assets-prod'],
  ['s3:PutObject', 'arn:aws:s3:::acme-uploads/incoming/alice/report.csv'],
  ['s3:DeleteObject', 'arn:aws:s3:::acme-assets-prod/img/logo.png'],
  ['dynamodb:GetItem', `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders`],
  ['dynamodb:PutItem', `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/OrdersArchive`],
  ['sqs:SendMessage', `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-eu`],
  ['iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/mallory`]
];
const principals = [
  `arn:aws:iam::${ACCOUNT}:user/alice`,
  `arn:aws:sts::${ACCOUNT}:assumed-role/AppRole/session-1`,
  `arn:aws:iam::${OTHER}:user/partner`
];

const out = [];
for (let i = 0; i < n; i++) {
  const [action, resource] = pick(requests);
  const line = {
    ...pick(sets),
    action,
    resource,
    principal: pick(principals),
    context: {
      'aws:username': 'alice',
      'aws:SourceIp': pick(['203.0.113.7', '198.51.100.9', '2001:db8::5']),
      'aws:ViaAWSService': 'false',
      'aws:SecureTransport': pick(['true', 'false']),
      'aws:RequestedRegion': pick(['us-east-1', 'eu-west-1', 'ap-south-1']),
      'dynamodb:LeadingKeys': ['alice']
    }
  };
  out.push(JSON.stringify(line));
  if (out.length === 10000) {
    process.stdout.write(out.join('\n') + '\n');
    out.length = 0;
  }
}
if (out.length > 0) process.stdout.write(out.join('\n') + '\n');
