#!/usr/bin/env node
/**
 * Generates the synthetic CloudTrail logs in `examples/logs/` (used by `npm run demo`, the
 * viewer and the CLI tests): three days of Amazon Chime / Chime SDK activity in account
 * 111122223333, us-east-1 and eu-central-1, laid out as CloudTrail writes them to S3
 * (`AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/…json.gz`), plus one digest file and one
 * Insights file. Seeded and deterministic: every run writes the same bytes.
 *
 * Usage: node scripts/sample-logs.mjs [outDir]   (default examples/logs)
 *
 * Every id, key and address is fake (AKIAEXAMPLE…, 111122223333, 123456789012, 192.0.2.0/24…).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(root, 'examples/logs'));
const ACCOUNT = '111122223333';
const PARTNER = '123456789012';
const BUCKET = 'example-cloudtrail-bucket';
const TRAIL = 'management-events';

// ---- seeded randomness (mulberry32) ----
let seed = 0x5eed_c41e;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rand() * n);
const pick = (list) => list[int(list.length)];
const weighted = (entries) => {
  const total = entries.reduce((s, [w]) => s + w, 0);
  let r = rand() * total;
  for (const [w, v] of entries) if ((r -= w) < 0) return v;
  return entries[entries.length - 1][1];
};
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');
const chars = (n, alphabet) => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(4)]}${hex(3)}-${hex(12)}`;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const isoMs = (ms) => new Date(ms).toISOString();

// ---- identities ----
const sessionAttrs = (ms, mfa) => ({ creationDate: iso(ms - 40 * 60_000), mfaAuthenticated: String(mfa) });
const identities = {
  aliceConsole: (ms) => ({
    type: 'IAMUser',
    principalId: 'AIDAEXAMPLEALICE00001',
    arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAEXAMPLEALICE0001',
    userName: 'alice',
    sessionContext: { sessionIssuer: {}, webIdFederationData: {}, attributes: sessionAttrs(ms, true) },
  }),
  deployer: () => ({
    type: 'IAMUser',
    principalId: 'AIDAEXAMPLEDEPLOY001',
    arn: `arn:aws:iam::${ACCOUNT}:user/ci-deployer`,
    accountId: ACCOUNT,
    accessKeyId: 'AKIAEXAMPLEDEPLOY001',
    userName: 'ci-deployer',
  }),
  backend: (ms) => ({
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLEBACKEND01:chime-meeting-api',
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/chime-app-backend/chime-meeting-api`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAEXAMPLEBACKEND01',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLEBACKEND01',
        arn: `arn:aws:iam::${ACCOUNT}:role/chime-app-backend`,
        accountId: ACCOUNT,
        userName: 'chime-app-backend',
      },
      webIdFederationData: {},
      attributes: sessionAttrs(ms, false),
    },
  }),
  sso: (ms) => ({
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLESSOADMIN1:bob@example.com',
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_ChimeAdministrators_0123456789abcdef/bob@example.com`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAEXAMPLESSOADMIN1',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLESSOADMIN1',
        arn: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ChimeAdministrators_0123456789abcdef`,
        accountId: ACCOUNT,
        userName: 'AWSReservedSSO_ChimeAdministrators_0123456789abcdef',
      },
      webIdFederationData: {},
      attributes: sessionAttrs(ms, false),
    },
  }),
  voiceOps: (ms) => ({
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLEVOICEOPS1:AWSCloudFormation',
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/voice-ops-deploy/AWSCloudFormation`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAEXAMPLEVOICEOPS1',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLEVOICEOPS1',
        arn: `arn:aws:iam::${ACCOUNT}:role/voice-ops-deploy`,
        accountId: ACCOUNT,
        userName: 'voice-ops-deploy',
      },
      webIdFederationData: {},
      attributes: sessionAttrs(ms, false),
    },
    invokedBy: 'cloudformation.amazonaws.com',
  }),
  federated: (ms) => ({
    type: 'FederatedUser',
    principalId: `${PARTNER}:carol`,
    arn: `arn:aws:sts::${ACCOUNT}:federated-user/carol`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAEXAMPLEFEDCAROL1',
    sessionContext: {
      sessionIssuer: {
        type: 'IAMUser',
        principalId: 'AIDAEXAMPLEBROKER001',
        arn: `arn:aws:iam::${ACCOUNT}:user/token-broker`,
        accountId: ACCOUNT,
        userName: 'token-broker',
      },
      webIdFederationData: {},
      attributes: sessionAttrs(ms, false),
    },
  }),
};
const agents = {
  aliceConsole: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
  deployer:
    'aws-cli/2.17.40 md/awscrt#0.21.2 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6 cfg/retry-mode#standard',
  backend: 'aws-sdk-js/3.658.1 ua/2.1 os/linux#5.10.225 lang/js md/nodejs#20.17.0 api/chime-sdk-meetings#3.658.1',
  sso: 'Boto3/1.35.22 md/Botocore#1.35.22 ua/2.0 os/macos#23.6.0 md/arch#arm64 lang/python#3.12.5',
  voiceOps: 'cloudformation.amazonaws.com',
  federated: 'aws-sdk-java/2.28.6 Linux/5.15 OpenJDK_64-Bit_Server_VM/21.0.4+7-LTS Java/21.0.4',
};
const ips = {
  aliceConsole: '198.51.100.24',
  deployer: '203.0.113.10',
  backend: '192.0.2.45',
  sso: '198.51.100.77',
  voiceOps: 'cloudformation.amazonaws.com',
  federated: '203.0.113.201',
};

// ---- Chime operations ----
const meetingIds = Array.from({ length: 6 }, uuid);
const appInstanceId = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
const appInstanceArn = (region) => `arn:aws:chime:${region}:${ACCOUNT}:app-instance/${appInstanceId}`;
const channelArn = (region, n) => `${appInstanceArn(region)}/channel/c0ffee0${n}-EXAMPLE-chan`;
const userArn = (region, u) => `${appInstanceArn(region)}/user/${u}`;
const appUsers = ['student-042', 'teacher-007', 'support-bot', 'student-113'];
const vcId = 'abcdef1ghij2klmno3pqr4';
const smaId = '1a2b3c4d-5e6f-7a8b-9c0d-EXAMPLE22222';
const chimeAccountId = '11aaaaa1-1a11-1111-1a11-aaadd0a0aa00';

/** [weight, eventName, namespace, readOnly, request(region), response(region, ms) | undefined, resources?] */
const ops = {
  meetings: [
    [
      6,
      'CreateMeeting',
      false,
      (r) => ({
        externalMeetingId: `class-${100 + int(900)}`,
        mediaRegion: r,
        meetingFeatures: { audio: { echoReduction: 'AVAILABLE' } },
      }),
      (r) => ({
        meeting: {
          meetingId: pick(meetingIds),
          externalMeetingId: 'HIDDEN_DUE_TO_SECURITY_REASONS',
          mediaRegion: r,
          meetingArn: `arn:aws:chime:${r}:${ACCOUNT}:meeting/${pick(meetingIds)}`,
        },
      }),
    ],
    [
      9,
      'CreateAttendee',
      false,
      () => ({ meetingId: pick(meetingIds), externalUserId: 'HIDDEN_DUE_TO_SECURITY_REASONS' }),
      () => ({
        attendee: {
          attendeeId: uuid(),
          externalUserId: 'HIDDEN_DUE_TO_SECURITY_REASONS',
          joinToken: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        },
      }),
    ],
    [
      2,
      'BatchCreateAttendee',
      false,
      () => ({
        meetingId: pick(meetingIds),
        attendees: [
          { externalUserId: 'HIDDEN_DUE_TO_SECURITY_REASONS' },
          { externalUserId: 'HIDDEN_DUE_TO_SECURITY_REASONS' },
        ],
      }),
      () => ({ errors: [] }),
    ],
    [4, 'GetMeeting', true, () => ({ meetingId: pick(meetingIds) })],
    [3, 'ListAttendees', true, () => ({ meetingId: pick(meetingIds), maxResults: 50 })],
    [3, 'DeleteMeeting', false, () => ({ meetingId: pick(meetingIds) })],
    [
      1,
      'StartMeetingTranscription',
      false,
      () => ({
        meetingId: pick(meetingIds),
        transcriptionConfiguration: { engineTranscribeSettings: { languageCode: 'en-US' } },
      }),
    ],
  ],
  messaging: [
    [
      2,
      'CreateChannel',
      false,
      (r) => ({
        appInstanceArn: appInstanceArn(r),
        name: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        mode: 'RESTRICTED',
        privacy: 'PRIVATE',
        chimeBearer: userArn(r, 'support-bot'),
      }),
      (r) => ({ channelArn: channelArn(r, 1 + int(4)) }),
    ],
    [
      8,
      'SendChannelMessage',
      false,
      (r) => ({
        channelArn: channelArn(r, 1 + int(4)),
        content: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        type: 'STANDARD',
        persistence: 'PERSISTENT',
        chimeBearer: userArn(r, pick(appUsers)),
      }),
      (r) => ({ channelArn: channelArn(r, 1 + int(4)), messageId: hex(32), status: { value: 'SENT' } }),
    ],
    [
      4,
      'ListChannelMessages',
      true,
      (r) => ({
        channelArn: channelArn(r, 1 + int(4)),
        sortOrder: 'DESCENDING',
        maxResults: 50,
        chimeBearer: userArn(r, pick(appUsers)),
      }),
    ],
    [
      3,
      'CreateChannelMembership',
      false,
      (r) => ({
        channelArn: channelArn(r, 1 + int(4)),
        memberArn: userArn(r, pick(appUsers)),
        type: 'DEFAULT',
        chimeBearer: userArn(r, 'support-bot'),
      }),
      (r) => ({ channelArn: channelArn(r, 1), member: { arn: userArn(r, pick(appUsers)) } }),
    ],
    [
      1,
      'UpdateChannel',
      false,
      (r) => ({
        channelArn: channelArn(r, 1 + int(4)),
        name: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        mode: 'UNRESTRICTED',
        chimeBearer: userArn(r, 'support-bot'),
      }),
      (r) => ({ channelArn: channelArn(r, 2) }),
    ],
  ],
  identity: [
    [
      1,
      'CreateAppInstance',
      false,
      () => ({ name: 'HIDDEN_DUE_TO_SECURITY_REASONS', metadata: 'HIDDEN_DUE_TO_SECURITY_REASONS' }),
      (r) => ({ appInstanceArn: appInstanceArn(r) }),
    ],
    [
      4,
      'CreateAppInstanceUser',
      false,
      (r) => ({
        appInstanceArn: appInstanceArn(r),
        appInstanceUserId: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        name: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        expirationSettings: { expirationDays: 1, expirationCriterion: 'CREATED_TIMESTAMP' },
      }),
      (r) => ({ appInstanceUserArn: userArn(r, pick(appUsers)) }),
    ],
    [3, 'DescribeAppInstanceUser', true, (r) => ({ appInstanceUserArn: userArn(r, pick(appUsers)) })],
    [2, 'ListAppInstanceUsers', true, (r) => ({ appInstanceArn: appInstanceArn(r), maxResults: 100 })],
  ],
  chime: [
    [3, 'ListUsers', true, () => ({ accountId: chimeAccountId, userType: 'PrivateUser' })],
    [2, 'GetAccount', true, () => ({ accountId: chimeAccountId })],
    [
      1,
      'InviteUsers',
      false,
      () => ({ accountId: chimeAccountId, userEmailList: ['HIDDEN_DUE_TO_SECURITY_REASONS'], userType: 'PrivateUser' }),
      () => ({
        invites: [
          { inviteId: uuid(), status: 'Pending', emailAddress: 'HIDDEN_DUE_TO_SECURITY_REASONS', emailStatus: 'Sent' },
        ],
      }),
    ],
    [
      1,
      'UpdateUser',
      false,
      () => ({ accountId: chimeAccountId, userId: uuid(), licenseType: 'Pro' }),
      () => ({ user: { userId: uuid(), accountId: chimeAccountId, licenseType: 'Pro' } }),
    ],
    [1, 'ListAccounts', true, () => ({ maxResults: 20 })],
  ],
  'media-pipelines': [
    [
      3,
      'CreateMediaCapturePipeline',
      false,
      () => ({
        sourceType: 'ChimeSdkMeeting',
        sourceArn: 'Hidden_For_Security_Reasons',
        sinkType: 'S3Bucket',
        sinkArn: 'Hidden_For_Security_Reasons',
        chimeSdkMeetingConfiguration: {
          artifactsConfiguration: {
            audio: { muxType: 'AudioOnly' },
            video: { state: 'Disabled' },
            content: { state: 'Disabled' },
          },
        },
      }),
      (_r, ms) => ({
        mediaCapturePipeline: {
          mediaPipelineId: uuid(),
          mediaPipelineArn: 'Hidden_For_Security_Reasons',
          sourceType: 'ChimeSdkMeeting',
          sourceArn: 'Hidden_For_Security_Reasons',
          status: 'Initializing',
          sinkType: 'S3Bucket',
          sinkArn: 'Hidden_For_Security_Reasons',
          createdTimestamp: isoMs(ms),
          updatedTimestamp: isoMs(ms),
        },
      }),
    ],
    [2, 'GetMediaCapturePipeline', true, () => ({ mediaPipelineId: uuid() })],
    [2, 'DeleteMediaCapturePipeline', false, () => ({ mediaPipelineId: uuid() })],
    [
      1,
      'CreateMediaConcatenationPipeline',
      false,
      () => ({
        sources: [
          {
            type: 'MediaCapturePipeline',
            mediaCapturePipelineSourceConfiguration: { mediaPipelineArn: 'Hidden_For_Security_Reasons' },
          },
        ],
        sinks: [{ type: 'S3Bucket', s3BucketSinkConfiguration: { destination: 'Hidden_For_Security_Reasons' } }],
      }),
      () => ({ mediaConcatenationPipeline: { mediaPipelineId: uuid(), status: 'Initializing' } }),
    ],
  ],
  voice: [
    [
      1,
      'CreateVoiceConnector',
      false,
      (r) => ({ name: 'contact-center-trunk', awsRegion: r, requireEncryption: true }),
      (r, ms) => ({
        voiceConnector: {
          voiceConnectorId: vcId,
          awsRegion: r,
          name: 'contact-center-trunk',
          outboundHostName: `${vcId}.voiceconnector.chime.aws`,
          requireEncryption: true,
          createdTimestamp: isoMs(ms),
          updatedTimestamp: isoMs(ms),
        },
      }),
    ],
    [3, 'GetVoiceConnector', true, () => ({ voiceConnectorId: vcId })],
    [3, 'ListVoiceConnectors', true, () => ({ maxResults: 20 })],
    [
      2,
      'UpdateSipMediaApplicationCall',
      false,
      () => ({
        sipMediaApplicationId: smaId,
        transactionId: uuid(),
        arguments: { action: 'HIDDEN_DUE_TO_SECURITY_REASONS' },
      }),
      () => ({ sipMediaApplicationCall: { transactionId: uuid() } }),
    ],
    [
      1,
      'CreateSipRule',
      false,
      () => ({
        name: 'inbound-support',
        triggerType: 'ToPhoneNumber',
        triggerValue: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        disabled: false,
        targetApplications: [{ sipMediaApplicationId: smaId, priority: 1, awsRegion: 'us-east-1' }],
      }),
      () => ({ sipRule: { sipRuleId: uuid(), name: 'inbound-support', disabled: false } }),
    ],
    [
      2,
      'SearchAvailablePhoneNumbers',
      true,
      () => ({ areaCode: '206', country: 'US', phoneNumberType: 'Local', maxResults: 5 }),
    ],
    [2, 'ListPhoneNumbers', true, () => ({ status: 'Assigned', productType: 'SipMediaApplicationDialIn' })],
  ],
};
const hostOf = {
  meetings: (r) => `meetings-chime.${r}.amazonaws.com`,
  messaging: (r) => `messaging-chime.${r}.amazonaws.com`,
  identity: (r) => `identity-chime.${r}.amazonaws.com`,
  chime: () => 'service.chime.aws.amazon.com',
  'media-pipelines': (r) => `media-pipelines-chime.${r}.amazonaws.com`,
  voice: (r) => `voice-chime.${r}.amazonaws.com`,
};
const sourceOf = {
  meetings: 'chime.amazonaws.com',
  messaging: 'chime.amazonaws.com',
  identity: 'chime.amazonaws.com',
  chime: 'chime.amazonaws.com',
  'media-pipelines': 'chime-sdk-media-pipelines.amazonaws.com',
  voice: 'chime-sdk-voice.amazonaws.com',
};
/** Who calls which namespace. */
const callersOf = {
  meetings: [
    [8, 'backend'],
    [1, 'sso'],
    [1, 'federated'],
  ],
  messaging: [
    [7, 'backend'],
    [1, 'federated'],
  ],
  identity: [
    [5, 'backend'],
    [1, 'sso'],
  ],
  chime: [
    [3, 'aliceConsole'],
    [1, 'sso'],
  ],
  'media-pipelines': [
    [4, 'backend'],
    [1, 'deployer'],
  ],
  voice: [
    [2, 'voiceOps'],
    [2, 'deployer'],
    [1, 'sso'],
  ],
};
const errorsOf = {
  ThrottlingException: 'Rate exceeded',
  AccessDeniedException: (id, name) =>
    `User: ${id.arn} is not authorized to perform: chime:${name} because no identity-based policy allows the chime:${name} action`,
  NotFoundException: 'The requested resource was not found.',
  BadRequestException: 'Invalid request parameters.',
};

function chimeRecord(ns, region, ms) {
  const [, name, readOnly, request, response] = weighted(ops[ns].map((op) => [op[0], op]));
  const caller = weighted(callersOf[ns]);
  const userIdentity = identities[caller](ms);
  let errorCode;
  if (caller === 'federated' && !readOnly) errorCode = 'AccessDeniedException';
  else if (name === 'CreateAttendee' && rand() < 0.2) errorCode = 'ThrottlingException';
  else if (readOnly && name.startsWith('Get') && rand() < 0.15) errorCode = 'NotFoundException';
  else if (rand() < 0.02) errorCode = 'BadRequestException';
  const message = errorsOf[errorCode];
  const record = {
    eventVersion: '1.10',
    userIdentity,
    eventTime: iso(ms),
    eventSource: sourceOf[ns],
    eventName: name,
    awsRegion: region,
    sourceIPAddress: ips[caller],
    userAgent: agents[caller],
    ...(errorCode
      ? { errorCode, errorMessage: typeof message === 'function' ? message(userIdentity, name) : message }
      : {}),
    requestParameters: request(region),
    responseElements: !errorCode && response ? response(region, ms) : null,
    requestID: uuid(),
    eventID: uuid(),
    readOnly,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: hostOf[ns](region),
    },
  };
  if (caller === 'aliceConsole') record.sessionCredentialFromConsole = 'true';
  return record;
}

function expireRecord(region, ms) {
  const user = pick(appUsers);
  return {
    eventVersion: '1.08',
    userIdentity: { accountId: ACCOUNT, invokedBy: 'chime.amazonaws.com' },
    eventTime: iso(ms),
    eventSource: 'chime.amazonaws.com',
    eventName: 'ExpireAppInstanceUser',
    awsRegion: region,
    sourceIPAddress: 'chime.amazonaws.com',
    userAgent: 'chime.amazonaws.com',
    requestParameters: null,
    responseElements: null,
    eventID: uuid(),
    readOnly: false,
    resources: [{ accountId: ACCOUNT, type: 'AWS::Chime::AppInstanceUser', ARN: userArn(region, user) }],
    eventType: 'AwsServiceEvent',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    serviceEventDetails: { reason: 'AppInstanceUser deleted due to expiration settings.' },
    eventCategory: 'Management',
  };
}

const otherOps = [
  [
    3,
    's3.amazonaws.com',
    'GetBucketAcl',
    true,
    () => ({ bucketName: BUCKET, Host: `${BUCKET}.s3.amazonaws.com`, acl: '' }),
  ],
  [2, 's3.amazonaws.com', 'ListBuckets', true, () => ({ Host: 's3.amazonaws.com' })],
  [
    3,
    'sts.amazonaws.com',
    'AssumeRole',
    true,
    () => ({
      roleArn: `arn:aws:iam::${ACCOUNT}:role/chime-app-backend`,
      roleSessionName: 'chime-meeting-api',
      durationSeconds: 3600,
    }),
  ],
  [2, 'iam.amazonaws.com', 'ListRoles', true, () => ({ maxItems: 100 })],
  [1, 'iam.amazonaws.com', 'GetRole', true, () => ({ roleName: 'voice-ops-deploy' })],
];
function otherRecord(region, ms) {
  const [, source, name, readOnly, request] = weighted(otherOps.map((op) => [op[0], op]));
  const caller = source === 'sts.amazonaws.com' ? 'lambda' : pick(['deployer', 'aliceConsole', 'sso']);
  const userIdentity =
    caller === 'lambda' ? { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' } : identities[caller](ms);
  return {
    eventVersion: '1.10',
    userIdentity,
    eventTime: iso(ms),
    eventSource: source,
    eventName: name,
    awsRegion: source === 's3.amazonaws.com' ? region : 'us-east-1',
    sourceIPAddress: caller === 'lambda' ? 'lambda.amazonaws.com' : ips[caller],
    userAgent: caller === 'lambda' ? 'lambda.amazonaws.com' : agents[caller],
    requestParameters: request(),
    responseElements: null,
    requestID: uuid(),
    eventID: uuid(),
    readOnly,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  };
}

// ---- files ----
const DAYS = ['2025-11-04', '2025-11-05', '2025-11-06'];
/** Delivery slots: [region, hour, minute, namespaces active in that window]. */
const SLOTS = [
  ['us-east-1', 8, 5, ['chime', 'identity', 'messaging']],
  ['us-east-1', 10, 15, ['meetings', 'media-pipelines', 'messaging']],
  ['us-east-1', 13, 20, ['meetings', 'messaging', 'identity']],
  ['us-east-1', 15, 40, ['voice', 'meetings', 'media-pipelines']],
  ['us-east-1', 18, 55, ['meetings', 'messaging', 'chime']],
  ['us-east-1', 21, 10, ['voice', 'meetings', 'identity']],
  ['eu-central-1', 11, 35, ['meetings', 'messaging', 'voice']],
];
const files = [];
const allLogFiles = [];
for (const day of DAYS) {
  for (const [region, hour, minute, namespaces] of SLOTS) {
    // the first and the third day skip a slot each, so the days differ
    if ((day === DAYS[0] && hour === 8) || (day === DAYS[2] && hour === 18)) continue;
    const delivered = Date.parse(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
    const count = 12 + int(12);
    const records = [];
    for (let i = 0; i < count; i++) {
      const ms = delivered - (4 * 60_000 + int(50 * 60_000)) - int(1000);
      const r = rand();
      if (r < 0.22) records.push(otherRecord(region, ms));
      else records.push(chimeRecord(pick(namespaces), region, ms));
    }
    if (hour === 13 && region === 'us-east-1') records.push(expireRecord(region, delivered - 7 * 60_000));
    records.sort((a, b) => (a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : 0));
    const stamp = `${day.replaceAll('-', '')}T${String(hour).padStart(2, '0')}${String(minute).padStart(2, '0')}Z`;
    const [y, m, d] = day.split('-');
    const key = `AWSLogs/${ACCOUNT}/CloudTrail/${region}/${y}/${m}/${d}/${ACCOUNT}_CloudTrail_${region}_${stamp}_${chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}.json.gz`;
    const json = JSON.stringify({ Records: records });
    files.push({ key, json });
    allLogFiles.push({ key, json, region, records });
  }
}

// one Insights file: a burst of CreateAttendee calls on the second day
{
  const start = Date.parse('2025-11-05T10:02:00Z');
  const insight = (state) => ({
    eventVersion: '1.08',
    eventTime: iso(state === 'Start' ? start : start + 25 * 60_000),
    awsRegion: 'us-east-1',
    eventID: uuid(),
    eventType: 'AwsCloudTrailInsight',
    recipientAccountId: ACCOUNT,
    sharedEventID: 'f1e2d3c4-b5a6-4978-8695-EXAMPLE33333',
    insightDetails: {
      state,
      eventSource: 'chime.amazonaws.com',
      eventName: 'CreateAttendee',
      insightType: 'ApiCallRateInsight',
      insightContext: {
        statistics: {
          baseline: { average: 0.42 },
          insight: { average: 6.5 },
          ...(state === 'End' ? { insightDuration: 25, baselineDuration: 10080 } : {}),
        },
        attributions: [
          {
            attribute: 'userIdentityArn',
            insight: [
              { value: `arn:aws:sts::${ACCOUNT}:assumed-role/chime-app-backend/chime-meeting-api`, average: 6.5 },
            ],
            baseline: [
              { value: `arn:aws:sts::${ACCOUNT}:assumed-role/chime-app-backend/chime-meeting-api`, average: 0.42 },
            ],
          },
        ],
      },
    },
    eventCategory: 'Insight',
  });
  const key = `AWSLogs/${ACCOUNT}/CloudTrail-Insight/us-east-1/2025/11/05/${ACCOUNT}_CloudTrail-Insight_us-east-1_20251105T1035Z_${chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}.json.gz`;
  files.push({ key, json: JSON.stringify({ Records: [insight('Start'), insight('End')] }) });
}

// one digest file over the us-east-1 files of the first day
{
  const covered = allLogFiles.filter((f) => f.region === 'us-east-1' && f.key.includes('/2025/11/04/'));
  const times = covered.flatMap((f) => f.records.map((r) => r.eventTime)).sort();
  const digest = {
    awsAccountId: ACCOUNT,
    digestStartTime: '2025-11-04T18:00:00Z',
    digestEndTime: '2025-11-04T19:00:00Z',
    digestS3Bucket: BUCKET,
    digestS3Object: `AWSLogs/${ACCOUNT}/CloudTrail-Digest/us-east-1/2025/11/04/${ACCOUNT}_CloudTrail-Digest_us-east-1_${TRAIL}_us-east-1_20251104T190000Z.json.gz`,
    digestPublicKeyFingerprint: hex(32),
    digestSignatureAlgorithm: 'SHA256withRSA',
    newestEventTime: times[times.length - 1],
    oldestEventTime: times[0],
    previousDigestS3Bucket: null,
    previousDigestS3Object: null,
    previousDigestHashValue: null,
    previousDigestHashAlgorithm: null,
    previousDigestSignature: null,
    logFiles: covered.map((f) => {
      const t = f.records.map((r) => r.eventTime).sort();
      return {
        s3Bucket: BUCKET,
        s3Object: f.key,
        hashValue: createHash('sha256').update(f.json).digest('hex'),
        hashAlgorithm: 'SHA-256',
        newestEventTime: t[t.length - 1],
        oldestEventTime: t[0],
      };
    }),
  };
  files.push({ key: digest.digestS3Object, json: JSON.stringify(digest) });
}

rmSync(join(outDir, 'AWSLogs'), { recursive: true, force: true });
let records = 0;
for (const { key, json } of files) {
  const path = join(outDir, key);
  mkdirSync(dirname(path), { recursive: true });
  // Node's gzip header has mtime 0 and a fixed OS byte: the output depends on the input only
  writeFileSync(path, gzipSync(json, { level: 9 }));
  records += JSON.parse(json).Records?.length ?? 0;
}
console.log(`wrote ${files.length} files (${records} records) under ${outDir}`);
