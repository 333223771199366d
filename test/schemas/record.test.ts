import { describe, expect, it } from 'vitest';
import {
  CloudTrailDigestFileSchema,
  CloudTrailLogFileSchema,
  CloudTrailRecordSchema,
  parseRecord,
  safeParseRecord,
  UserIdentitySchema,
} from '../../src/index.js';
import { startingDigest } from '../helpers/digest.js';

/** A record with every documented field through eventVersion 1.11. */
const full = {
  eventVersion: '1.11',
  userIdentity: {
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLEROLE00001:deploy',
    arn: 'arn:aws:sts::123456789012:assumed-role/Deployer/deploy',
    accountId: '123456789012',
    accessKeyId: 'ASIAEXAMPLEROLE00001',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLEROLE00001',
        arn: 'arn:aws:iam::123456789012:role/Deployer',
        accountId: '123456789012',
        userName: 'Deployer',
      },
      webIdFederationData: {
        federatedProvider: 'arn:aws:iam::123456789012:oidc-provider/example.com',
        attributes: { aud: 'x' },
      },
      attributes: { creationDate: '2026-11-20T10:00:00Z', mfaAuthenticated: 'false' },
      sourceIdentity: 'alice',
      ec2RoleDelivery: '2.0',
      assumedRoot: 'true',
      signInSessionArn: 'arn:aws:signin:us-east-1:123456789012:session/0000',
      ec2IssuedInVPC: 'vpc-1',
    },
    invokedBy: 'chime.amazonaws.com',
    invokedByDelegate: { accountId: '210987654321' },
    onBehalfOf: { userId: 'u-1', identityStoreArn: 'arn:aws:identitystore::123456789012:identitystore/d-1234567890' },
    inScopeOf: {
      sourceArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
      sourceAccount: '123456789012',
      issuerType: 'AWS::Lambda::Function',
      credentialsIssuedTo: 'arn:aws:sts::123456789012:assumed-role/r/f',
    },
    credentialId: 'EXcred',
    identityProvider: 'accounts.google.com',
  },
  eventTime: '2026-11-20T10:00:00Z',
  eventSource: 'chime.amazonaws.com',
  eventName: 'CreateMeeting',
  awsRegion: 'us-east-1',
  sourceIPAddress: '192.0.2.1',
  userAgent: 'aws-cli/2',
  errorCode: 'ConflictException',
  errorMessage: 'x',
  requestParameters: { clientRequestToken: 't' },
  responseElements: null,
  additionalEventData: { MFAUsed: 'No' },
  requestID: 'r',
  eventID: 'e',
  eventType: 'AwsApiCall',
  apiVersion: '2018-05-01',
  managementEvent: true,
  readOnly: false,
  resources: [
    { ARN: 'arn:aws:chime::123456789012:meeting/x', accountId: '123456789012', type: 'AWS::Chime::Meeting' },
    { ARNPrefix: 'arn:aws:s3:::b/' },
  ],
  recipientAccountId: '123456789012',
  serviceEventDetails: { reason: 'x' },
  sharedEventID: 's',
  vpcEndpointId: 'vpce-1',
  vpcEndpointAccountId: '123456789012',
  eventCategory: 'Management',
  addendum: { reason: 'UPDATED_DATA', updatedFields: 'x', originalRequestID: 'o', originalEventID: 'oe' },
  sessionCredentialFromConsole: 'true',
  edgeDeviceDetails: { x: 1 },
  tlsDetails: {
    tlsVersion: 'TLSv1.3',
    cipherSuite: 'TLS_AES_128_GCM_SHA256',
    clientProvidedHostHeader: 'meetings-chime.us-east-1.amazonaws.com',
    keyExchange: 'X25519MLKEM768',
  },
  eventContext: { requestContext: { a: 1 }, tagContext: { b: 2 } },
  futureField: { kept: true },
};

describe('CloudTrailRecordSchema', () => {
  it('accepts every documented field and keeps unknown keys, at every level', () => {
    const withUnknown = {
      ...full,
      userIdentity: {
        ...full.userIdentity,
        newThing: 1,
        sessionContext: { ...full.userIdentity.sessionContext, more: 2 },
      },
    };
    expect(parseRecord(withUnknown)).toEqual(withUnknown);
    expect(CloudTrailRecordSchema.parse(withUnknown)).toEqual(withUnknown);
  });

  it('is lenient the way real logs need', () => {
    const cases: unknown[] = [
      { eventVersion: '2.0', eventType: 'SomethingNew' },
      { eventVersion: '1.05', userIdentity: { accountId: '0123456789012', type: 'IAMUser' } },
      { userIdentity: { accountId: '123456789012', invokedBy: 'AWS Internal' } },
      { userIdentity: null, tlsDetails: null, resources: null, requestParameters: null, addendum: null },
      { eventName: 'x', readOnly: 'true', managementEvent: 'false', sessionCredentialFromConsole: true },
      { eventName: 'x', userIdentity: { sessionContext: { attributes: { mfaAuthenticated: true } } } },
      { eventName: 'x', tlsDetails: { tlsVersion: 'tlsVersion' } },
      { eventName: 'x', requestParameters: '{"serialised":true}' },
      { eventName: 'x', resources: ['arn:aws:s3:::b'] },
      { eventName: 'x', eventVersion: '1.08', '@timestamp': '2020-09-14T01:19:40.000Z' },
      {
        eventVersion: '1.07',
        eventType: 'AwsCloudTrailInsight',
        insightDetails: { state: 'Start', insightContext: { statistcs: {} } },
      },
    ];
    for (const c of cases) expect(safeParseRecord(c), JSON.stringify(c)).toEqual({ success: true, data: c });
  });

  it('rejects wrong types with INVALID_RECORD and the zod path', () => {
    for (const [value, path] of [
      [{ eventName: 5 }, ['eventName']],
      [
        { userIdentity: { sessionContext: { attributes: { creationDate: 5 } } } },
        ['userIdentity', 'sessionContext', 'attributes', 'creationDate'],
      ],
      [{ resources: [{ ARN: 1 }] }, ['resources', 0]],
      [{ userIdentity: 'root' }, ['userIdentity']],
    ] as const) {
      const r = safeParseRecord(value);
      expect(r.success).toBe(false);
      if (!r.success) {
        expect(r.error.code).toBe('INVALID_RECORD');
        expect((r.error.cause as Error).name).toBe('ZodError');
        expect(r.error.path?.slice(0, path.length)).toEqual(path);
      }
    }
    for (const v of [null, undefined, 5, 'x', [], [{}]]) {
      expect(() => parseRecord(v)).toThrow(expect.objectContaining({ code: 'INVALID_RECORD' }));
    }
  });

  it('strict mode names each deviation by path', () => {
    const r = safeParseRecord({ ...full, readOnly: 'false' }, { strict: true });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.path).toEqual(expect.arrayContaining(['readOnly']));
    const noTime = safeParseRecord({ ...full, eventTime: undefined, futureField: undefined }, { strict: true });
    expect(!noTime.success && noTime.error.path).toEqual(['eventTime']);
    const { futureField: _, ...documented } = full;
    expect(safeParseRecord(documented, { strict: true }).success).toBe(true);
    const unknown = safeParseRecord(full, { strict: true });
    expect(unknown.success).toBe(false);
  });

  it('fast path and zod agree: the returned value is the input itself', () => {
    const input = { eventVersion: '1.11', eventName: 'x' };
    expect(parseRecord(input)).toBe(input);
  });

  it('UserIdentitySchema, CloudTrailLogFileSchema and CloudTrailDigestFileSchema parse their shapes', () => {
    expect(UserIdentitySchema.parse({ type: 'AWSService', invokedBy: 'chime.amazonaws.com' }).invokedBy).toBe(
      'chime.amazonaws.com',
    );
    expect(CloudTrailLogFileSchema.parse({ Records: [full] }).Records).toHaveLength(1);
    expect(() => CloudTrailLogFileSchema.parse({ records: [] })).toThrow();
    const digest = startingDigest({
      logFiles: [
        {
          s3Bucket: 'b',
          s3Object: 'o',
          hashValue: 'h',
          hashAlgorithm: 'SHA-256',
          newestEventTime: 't',
          oldestEventTime: 't',
        },
      ],
    });
    expect(CloudTrailDigestFileSchema.parse(digest)).toEqual(digest);
  });
});
