#!/usr/bin/env node
// Writes bench/src/main/resources/bench-cases.json, the one file of benchmark inputs that both the
// JMH benchmarks (Airlock) and iam-simulate-bench.mjs (@cloud-copilot/iam-simulate) read, so that
// both engines evaluate identical policies and requests. The JSON file is committed; rerun this
// script only to change the cases:  node bench/generate-cases.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ACCOUNT = '111122223333';

// ---------------------------------------------------------------------------------------------
// Case 1: a realistic 10-statement application role policy (S3, DynamoDB, SQS, with wildcards).
// Only the last statement matches the request.
const appPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ReadAppAssets',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::app-assets-*', 'arn:aws:s3:::app-assets-*/*']
    },
    {
      Sid: 'WriteUploads',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload'],
      Resource: 'arn:aws:s3:::app-uploads-prod/incoming/*'
    },
    {
      Sid: 'ListBuckets',
      Effect: 'Allow',
      Action: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'],
      Resource: '*'
    },
    {
      Sid: 'ReadOrdersTable',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan'],
      Resource: [
        `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`,
        `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders/index/*`
      ]
    },
    {
      Sid: 'WriteAppTables',
      Effect: 'Allow',
      Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWrite*'],
      Resource: `arn:aws:dynamodb:*:${ACCOUNT}:table/app-*`
    },
    {
      Sid: 'ReadOrdersStream',
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
      Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders/stream/*`
    },
    {
      Sid: 'NoBucketAdmin',
      Effect: 'Deny',
      Action: ['s3:DeleteBucket*', 's3:PutBucketPolicy', 's3:PutBucketAcl'],
      Resource: '*'
    },
    {
      Sid: 'ConsumeInbound',
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'],
      Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:app-*-inbound`
    },
    {
      Sid: 'NoQueueAdmin',
      Effect: 'Deny',
      Action: ['sqs:DeleteQueue', 'sqs:SetQueueAttributes', 'sqs:PurgeQueue'],
      Resource: 'arn:aws:sqs:*:*:*'
    },
    {
      Sid: 'SendOrders',
      Effect: 'Allow',
      Action: ['sqs:SendMessage', 'sqs:SendMessageBatch', 'sqs:GetQueue*'],
      Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-*`
    }
  ]
};

const roleSession = `arn:aws:sts::${ACCOUNT}:assumed-role/AppRole/app-session`;
const commonContext = {
  'aws:SourceIp': ['10.20.30.40'],
  'aws:SecureTransport': ['true'],
  'aws:RequestedRegion': ['us-east-1'],
  'aws:CurrentTime': ['2025-06-01T12:00:00Z']
};

const identity10 = {
  id: 'identity10',
  title: '10-statement identity policy',
  description: 'one identity policy of 10 S3/DynamoDB/SQS statements with wildcards; the request matches only the last',
  expected: 'Allowed',
  request: {
    action: 'sqs:SendMessage',
    resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-events`,
    resourceAccount: ACCOUNT,
    principal: roleSession,
    context: commonContext
  },
  policies: {
    identity: [{ name: 'AppRolePolicy', policy: appPolicy }]
  }
};

// ---------------------------------------------------------------------------------------------
// Case 2: 100 statements, every one matching the request's action and resource, each with three
// conditions drawn from six operators. In statements 0..98 the last condition fails; statement 99
// carries all six, all of which hold, so every condition block is evaluated and the answer is Allowed.
const passing = [
  ['StringEquals', 'aws:PrincipalTag/team', () => ['analytics', 'data-eng']],
  ['StringLike', 'aws:PrincipalTag/project', () => 'proj-*'],
  ['IpAddress', 'aws:SourceIp', () => ['10.0.0.0/8', '172.16.0.0/12']],
  ['DateLessThan', 'aws:CurrentTime', () => '2030-01-01T00:00:00Z'],
  ['Bool', 'aws:SecureTransport', () => 'true'],
  ['ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', () => 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*']
];
const failing = [
  ['StringEquals', 'aws:PrincipalTag/team', (i) => [`team-${i}`, `team-${i + 100}`]],
  ['StringLike', 'aws:PrincipalTag/project', (i) => `legacy-${i}-*`],
  ['IpAddress', 'aws:SourceIp', (i) => [`192.0.2.${i}/32`, `198.51.100.0/24`]],
  ['DateLessThan', 'aws:CurrentTime', (i) => `2020-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`],
  ['Bool', 'aws:SecureTransport', () => 'false'],
  ['ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', (i) => `o-zzzz${i}/*`]
];
const actionsCycle = [
  's3:GetObject',
  ['s3:Get*'],
  ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'],
  's3:*Object',
  ['s3:ListBucket', 's3:GetObject']
];
const resourcesCycle = [
  'arn:aws:s3:::analytics-data/*',
  ['arn:aws:s3:::analytics-*/reports/*'],
  'arn:aws:s3:::analytics-data/reports/202?/*',
  ['arn:aws:s3:::archive-bucket/*', 'arn:aws:s3:::analytics-data/reports/*'],
  'arn:aws:s3:::*/reports/2024/*',
  'arn:aws:s3:::analytics-data/reports/2024/q1.csv',
  'arn:aws:s3:::analytics-data/*/*/*.csv'
];

function condition(entries, i) {
  const out = {};
  for (const [op, key, value] of entries) {
    out[op] = { [key]: value(i) };
  }
  return out;
}

const conditionStatements = [];
for (let i = 0; i < 100; i++) {
  const last = i === 99;
  const entries = last
    ? passing
    : [passing[i % 6], passing[(i + 1) % 6], failing[(i + 2) % 6]];
  conditionStatements.push({
    Sid: `Stmt${String(i).padStart(3, '0')}`,
    Effect: !last && i % 7 === 3 ? 'Deny' : 'Allow',
    Action: actionsCycle[i % actionsCycle.length],
    Resource: resourcesCycle[i % resourcesCycle.length],
    Condition: condition(entries, i)
  });
}

const conditions100 = {
  id: 'conditions100',
  title: '100 statements with conditions',
  description: '100 statements that all match the action and resource, 3 to 6 conditions each (StringEquals, StringLike, IpAddress, DateLessThan, Bool, ForAnyValue:StringLike); only the last statement\'s conditions all hold',
  expected: 'Allowed',
  request: {
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::analytics-data/reports/2024/q1.csv',
    resourceAccount: ACCOUNT,
    principal: `arn:aws:sts::${ACCOUNT}:assumed-role/AnalyticsRole/etl`,
    context: {
      ...commonContext,
      'aws:PrincipalTag/team': ['analytics'],
      'aws:PrincipalTag/project': ['proj-lakehouse'],
      'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/']
    }
  },
  policies: {
    identity: [{ name: 'AnalyticsPolicy', policy: { Version: '2012-10-17', Statement: conditionStatements } }]
  }
};

// ---------------------------------------------------------------------------------------------
// Case 3: every layer. Root and OU SCPs, a permissions boundary, a session policy, an S3 bucket
// policy and the 10-statement identity policy of case 1.
const scpRoot = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Sid: 'DenyOutsideApprovedRegions',
      Effect: 'Deny',
      NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*', 'route53:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } }
    },
    {
      Sid: 'DenyLeaveOrg',
      Effect: 'Deny',
      Action: ['organizations:LeaveOrganization', 'account:CloseAccount'],
      Resource: '*'
    }
  ]
};
const scpOu = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowWorkloadServices',
      Effect: 'Allow',
      Action: ['s3:*', 'dynamodb:*', 'sqs:*', 'sts:*', 'logs:*', 'cloudwatch:*', 'kms:*'],
      Resource: '*'
    },
    {
      Sid: 'DenyPublicAccessChanges',
      Effect: 'Deny',
      Action: ['s3:PutBucketPublicAccessBlock', 's3:PutAccountPublicAccessBlock'],
      Resource: '*'
    },
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Action: 's3:*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } }
    }
  ]
};
const boundary = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'WorkloadCeiling',
      Effect: 'Allow',
      Action: ['s3:*', 'dynamodb:*', 'sqs:*', 'logs:*'],
      Resource: '*'
    },
    { Sid: 'NoIam', Effect: 'Deny', Action: ['iam:*', 'organizations:*'], Resource: '*' }
  ]
};
const sessionPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'SessionScope',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket', 'sqs:SendMessage'],
      Resource: ['arn:aws:s3:::app-assets-*', 'arn:aws:s3:::app-assets-*/*', `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-*`]
    }
  ]
};
const bucketPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AppRoleRead',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/AppRole` },
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: 'arn:aws:s3:::app-assets-prod/*'
    },
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::app-assets-prod', 'arn:aws:s3:::app-assets-prod/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } }
    },
    {
      Sid: 'DenyUnencryptedUploads',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::app-assets-prod/*',
      Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } }
    }
  ]
};

const fullChain = {
  id: 'fullChain',
  title: 'full evaluation (2 SCP levels, boundary, session, resource, identity)',
  description: 'root and OU SCPs, permissions boundary, session policy, S3 bucket policy naming the role, and the 10-statement identity policy',
  expected: 'Allowed',
  request: {
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::app-assets-prod/images/logo.png',
    resourceAccount: ACCOUNT,
    principal: roleSession,
    context: commonContext
  },
  policies: {
    identity: [{ name: 'AppRolePolicy', policy: appPolicy }],
    resource: { name: 'app-assets-prod bucket policy', policy: bucketPolicy },
    session: { name: 'session', policy: sessionPolicy },
    permissionsBoundary: { name: 'WorkloadBoundary', policy: boundary },
    scps: [
      { orgIdentifier: 'r-ab12', policies: [{ name: 'RootGuardrails', policy: scpRoot }] },
      { orgIdentifier: 'ou-ab12-11111111', policies: [{ name: 'WorkloadsOu', policy: scpOu }] }
    ]
  }
};

const file = {
  comment: 'Generated by bench/generate-cases.mjs. Read by the JMH benchmarks (dev.airlock.bench.BenchCases) and by bench/iam-simulate-bench.mjs.',
  cases: [identity10, conditions100, fullChain]
};

const out = join(dirname(fileURLToPath(import.meta.url)), 'src/main/resources/bench-cases.json');
writeFileSync(out, JSON.stringify(file, null, 2) + '\n');
console.log(`wrote ${out}`);
