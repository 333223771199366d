import { describe, expect, it } from 'vitest';
import type { CloudTrailRecord, Identity, UserIdentity } from '../../src/index.js';
import { classifyIdentity, describeIdentity, identityKinds } from '../../src/index.js';

const ACCT = '123456789012';
const ROOT_ARN = `arn:aws:iam::${ACCT}:root`;
const ALICE_ARN = `arn:aws:iam::${ACCT}:user/alice`;

interface Case {
  name: string;
  userIdentity: unknown;
  record?: Record<string, unknown>;
  kind: Identity['kind'];
  credentials: Identity['credentials'];
  invokedBy: string | undefined;
  /** Further fields the result must have (toMatchObject). */
  extra?: Record<string, unknown>;
  /** Fields that must be absent. */
  absent?: string[];
}

function run(c: Case): Identity {
  return classifyIdentity(c.userIdentity as UserIdentity, c.record as CloudTrailRecord | undefined);
}

function check(c: Case): void {
  const id = run(c);
  expect(id.kind).toBe(c.kind);
  expect(id.credentials).toStrictEqual(c.credentials);
  expect(id.invokedBy).toBe(c.invokedBy);
  if (c.extra) expect(id).toMatchObject(c.extra);
  for (const key of c.absent ?? []) expect(id).not.toHaveProperty(key);
}

// cloudtrail-format.md §2.4, verbatim (one line each).
const examples: Case[] = [
  {
    name: '1 root, long-term key',
    userIdentity: {
      type: 'Root',
      principalId: ACCT,
      arn: ROOT_ARN,
      accountId: ACCT,
      accessKeyId: 'AKIAEXAMPLEROOT00001',
    },
    kind: 'root',
    credentials: { kind: 'long-term', accessKeyId: 'AKIAEXAMPLEROOT00001' },
    invokedBy: undefined,
    extra: { type: 'Root', principalId: ACCT, arn: ROOT_ARN, accountId: ACCT, assumeRootPattern: false },
    absent: ['origin'],
  },
  {
    name: '2 root, ASIA key, attributes only (AssumeRoot pattern, origin uncertain)',
    userIdentity: {
      type: 'Root',
      principalId: ACCT,
      arn: ROOT_ARN,
      accountId: ACCT,
      accessKeyId: 'ASIAEXAMPLEPRIV00001',
      sessionContext: { attributes: { creationDate: '2025-01-02T03:04:05Z', mfaAuthenticated: 'false' } },
    },
    kind: 'root',
    credentials: {
      kind: 'temporary',
      accessKeyId: 'ASIAEXAMPLEPRIV00001',
      mfaAuthenticated: false,
      issuedAt: '2025-01-02T03:04:05Z',
    },
    invokedBy: undefined,
    extra: { origin: 'uncertain', assumeRootPattern: true },
  },
  {
    name: '3 IAM user, long-term key',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEUSER00001',
      arn: ALICE_ARN,
      accountId: ACCT,
      accessKeyId: 'AKIAEXAMPLEUSER00001',
      userName: 'alice',
    },
    kind: 'iam-user',
    credentials: { kind: 'long-term', accessKeyId: 'AKIAEXAMPLEUSER00001' },
    invokedBy: undefined,
    extra: { userName: 'alice', arn: ALICE_ARN, principalId: 'AIDAEXAMPLEUSER00001' },
  },
  {
    name: '4 IAM user, ASIA key, empty sessionIssuer (console or GetSessionToken), MFA',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEUSER00001',
      arn: ALICE_ARN,
      accountId: ACCT,
      accessKeyId: 'ASIAEXAMPLECONS00001',
      userName: 'alice',
      sessionContext: {
        sessionIssuer: {},
        attributes: { creationDate: '2025-01-02T03:04:05Z', mfaAuthenticated: 'true' },
      },
    },
    kind: 'iam-user',
    credentials: {
      kind: 'temporary',
      accessKeyId: 'ASIAEXAMPLECONS00001',
      mfaAuthenticated: true,
      issuedAt: '2025-01-02T03:04:05Z',
    },
    invokedBy: undefined,
  },
  {
    name: '5 role session',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLEROLE00001:deploy',
      arn: `arn:aws:sts::${ACCT}:assumed-role/Deployer/deploy`,
      accountId: ACCT,
      accessKeyId: 'ASIAEXAMPLEROLE00001',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAEXAMPLEROLE00001',
          arn: `arn:aws:iam::${ACCT}:role/Deployer`,
          accountId: ACCT,
          userName: 'Deployer',
        },
        attributes: { creationDate: '2025-01-02T03:04:05Z', mfaAuthenticated: 'false' },
      },
    },
    kind: 'assumed-role',
    credentials: {
      kind: 'temporary',
      accessKeyId: 'ASIAEXAMPLEROLE00001',
      mfaAuthenticated: false,
      issuedAt: '2025-01-02T03:04:05Z',
    },
    invokedBy: undefined,
    extra: {
      roleArn: `arn:aws:iam::${ACCT}:role/Deployer`,
      roleName: 'Deployer',
      rolePath: '/',
      sessionName: 'deploy',
      identityCenter: false,
      sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLEROLE00001', userName: 'Deployer' },
    },
    absent: ['federation', 'permissionSetName'],
  },
  {
    name: '6 federated user',
    userIdentity: {
      type: 'FederatedUser',
      principalId: `${ACCT}:bob`,
      arn: `arn:aws:sts::${ACCT}:federated-user/bob`,
      accountId: ACCT,
      accessKeyId: 'ASIAEXAMPLEFED000001',
      sessionContext: {
        sessionIssuer: { type: 'IAMUser', userName: 'alice' },
        attributes: { mfaAuthenticated: 'false' },
      },
    },
    kind: 'federated-user',
    credentials: { kind: 'temporary', accessKeyId: 'ASIAEXAMPLEFED000001', mfaAuthenticated: false },
    invokedBy: undefined,
    extra: { federatedUserName: 'bob', sessionIssuer: { type: 'IAMUser', userName: 'alice' } },
  },
  {
    name: '7 AWS service',
    userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' },
    kind: 'aws-service',
    credentials: { kind: 'none' },
    invokedBy: 'lambda.amazonaws.com',
    extra: { serviceEvent: false },
  },
  {
    name: '8 AWS account (cross-account copy)',
    userIdentity: { type: 'AWSAccount', principalId: 'AROAEXAMPLEOTHER0001:job', accountId: '210987654321' },
    kind: 'aws-account',
    credentials: { kind: 'temporary' },
    invokedBy: undefined,
    extra: { accountId: '210987654321', principalId: 'AROAEXAMPLEOTHER0001:job', anonymous: false },
    absent: ['arn', 'crossAccount'],
  },
  {
    name: '9 Identity Center user',
    userIdentity: {
      type: 'IdentityCenterUser',
      accountId: ACCT,
      onBehalfOf: {
        userId: '94d0-ex',
        identityStoreArn: `arn:aws:identitystore::${ACCT}:identitystore/d-1234567890`,
      },
      credentialId: 'EXcred',
    },
    kind: 'identity-center-user',
    credentials: { kind: 'temporary' },
    invokedBy: undefined,
    extra: {
      userId: '94d0-ex',
      identityStoreArn: `arn:aws:identitystore::${ACCT}:identitystore/d-1234567890`,
      credentialId: 'EXcred',
    },
  },
  {
    name: '10 SAML user',
    userIdentity: {
      type: 'SAMLUser',
      principalId: 'qual:alice@example.com',
      userName: 'alice@example.com',
      identityProvider: 'qual',
    },
    kind: 'saml-user',
    credentials: { kind: 'none' },
    invokedBy: undefined,
    extra: { identityProvider: 'qual', userName: 'alice@example.com' },
  },
  {
    name: '11 web identity user',
    userIdentity: {
      type: 'WebIdentityUser',
      principalId: 'accounts.google.com:app:uid',
      userName: 'uid',
      identityProvider: 'accounts.google.com',
    },
    kind: 'web-identity-user',
    credentials: { kind: 'none' },
    invokedBy: undefined,
    extra: { identityProvider: 'accounts.google.com', userName: 'uid' },
  },
  {
    name: '12 directory user',
    userIdentity: { type: 'Directory', accountId: ACCT, userName: 'alias' },
    kind: 'directory',
    credentials: { kind: 'unknown' },
    invokedBy: undefined,
    extra: { userName: 'alias', accountId: ACCT },
  },
  {
    name: '13 Unknown',
    userIdentity: { type: 'Unknown', principalId: 'id', accountId: ACCT, userName: 'name' },
    kind: 'unknown',
    credentials: { kind: 'unknown' },
    invokedBy: undefined,
    extra: { type: 'Unknown', userName: 'name', principalId: 'id' },
  },
  {
    name: '14 service event identity without type',
    userIdentity: { accountId: ACCT, invokedBy: 'AWS Internal' },
    kind: 'aws-service',
    credentials: { kind: 'none' },
    invokedBy: 'AWS Internal',
    extra: { accountId: ACCT },
    absent: ['type'],
  },
];

describe('§2.4 examples', () => {
  it('covers every line of §2.4', () => {
    expect(examples).toHaveLength(14);
  });
  it.each(examples.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
});

const svcEvent = { eventType: 'AwsServiceEvent', sourceIPAddress: 'AWS Internal', userAgent: 'AWS Internal' };
const signIn = (extra: Record<string, unknown> = {}) => ({
  eventType: 'AwsConsoleSignIn',
  eventName: 'ConsoleLogin',
  responseElements: { ConsoleLogin: 'Success' },
  ...extra,
});
const role = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLEROLE00001:deploy',
  arn: `arn:aws:sts::${ACCT}:assumed-role/Deployer/deploy`,
  accountId: ACCT,
  accessKeyId: 'ASIAEXAMPLEROLE00001',
};

// cloudtrail-format.md §2.3, rule by rule.
const rules: Case[] = [
  // 1. No type.
  {
    name: '1 no type + invokedBy + AwsServiceEvent → aws-service (service event)',
    userIdentity: { accountId: ACCT, invokedBy: 'chime.amazonaws.com' },
    record: { ...svcEvent, eventName: 'ExpireAppInstanceUser' },
    kind: 'aws-service',
    credentials: { kind: 'none' },
    invokedBy: 'chime.amazonaws.com',
    extra: { serviceEvent: true },
  },
  {
    name: '1 no type, no invokedBy, AwsServiceEvent → aws-service, service from sourceIPAddress',
    userIdentity: { accountId: ACCT },
    record: svcEvent,
    kind: 'aws-service',
    credentials: { kind: 'none' },
    invokedBy: 'AWS Internal',
    extra: { serviceEvent: true },
  },
  {
    name: '1 Insights record: no userIdentity → none',
    userIdentity: undefined,
    record: { eventType: 'AwsCloudTrailInsight', eventCategory: 'Insight' },
    kind: 'none',
    credentials: { kind: 'none' },
    invokedBy: undefined,
  },
  {
    name: '1 userIdentity null → none',
    userIdentity: null,
    kind: 'none',
    credentials: { kind: 'none' },
    invokedBy: undefined,
  },
  {
    name: '1 no type, no invokedBy, API call → unknown without type',
    userIdentity: { accountId: ACCT },
    record: { eventType: 'AwsApiCall', sourceIPAddress: '192.0.2.1' },
    kind: 'unknown',
    credentials: { kind: 'unknown' },
    invokedBy: undefined,
    absent: ['type'],
  },
  // 2. A request made by another AWS service.
  {
    name: '2 AWSService assumed your role: IP and user agent are the service',
    userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
    record: { eventName: 'AssumeRole', sourceIPAddress: 'ec2.amazonaws.com', userAgent: 'ec2.amazonaws.com' },
    kind: 'aws-service',
    credentials: { kind: 'none' },
    invokedBy: 'ec2.amazonaws.com',
  },
  {
    name: '2 AWSService without invokedBy: service name from sourceIPAddress',
    userIdentity: { type: 'AWSService' },
    record: { eventType: 'AwsApiCall', sourceIPAddress: 'lambda.amazonaws.com', userAgent: 'lambda.amazonaws.com' },
    kind: 'aws-service',
    credentials: { kind: 'none' },
    invokedBy: 'lambda.amazonaws.com',
  },
  {
    name: '2 AWSService without invokedBy: service name from userAgent',
    userIdentity: { type: 'AWSService' },
    record: { eventType: 'AwsApiCall', sourceIPAddress: '192.0.2.1', userAgent: 'sns.amazonaws.com' },
    kind: 'aws-service',
    credentials: { kind: 'none' },
    invokedBy: 'sns.amazonaws.com',
  },
  {
    name: '2 role credentials used by a service: both reported',
    userIdentity: { ...role, invokedBy: 'cloudformation.amazonaws.com' },
    kind: 'assumed-role',
    credentials: { kind: 'temporary', accessKeyId: 'ASIAEXAMPLEROLE00001' },
    invokedBy: 'cloudformation.amazonaws.com',
    extra: { roleName: 'Deployer', sessionName: 'deploy' },
  },
  {
    name: '2 IAM user key used by a service (invokedBy): long-term + invokedBy',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEUSER00001',
      arn: ALICE_ARN,
      accessKeyId: 'AKIAEXAMPLEUSER00001',
      userName: 'alice',
      invokedBy: 'AWS Internal',
    },
    kind: 'iam-user',
    credentials: { kind: 'long-term', accessKeyId: 'AKIAEXAMPLEUSER00001' },
    invokedBy: 'AWS Internal',
  },
  {
    name: '2 role session called from a service (sourceIPAddress is the service name)',
    userIdentity: role,
    record: { eventType: 'AwsApiCall', sourceIPAddress: 'cloudformation.amazonaws.com', userAgent: 'x' },
    kind: 'assumed-role',
    credentials: { kind: 'temporary', accessKeyId: 'ASIAEXAMPLEROLE00001' },
    invokedBy: 'cloudformation.amazonaws.com',
  },
  {
    name: '2 an IP address is not a service',
    userIdentity: role,
    record: { eventType: 'AwsApiCall', sourceIPAddress: '192.0.2.1, 198.51.100.7', userAgent: 's3.amazonaws.com' },
    kind: 'assumed-role',
    credentials: { kind: 'temporary', accessKeyId: 'ASIAEXAMPLEROLE00001' },
    invokedBy: undefined,
  },
  // 3. Long-term credentials.
  {
    name: '3 root console sign-in: no key, MFAUsed YES',
    userIdentity: { type: 'Root', principalId: ACCT, arn: ROOT_ARN, accountId: ACCT, accessKeyId: '' },
    record: signIn({ additionalEventData: { MFAUsed: 'YES', MobileVersion: 'No' } }),
    kind: 'root',
    credentials: { kind: 'none', mfaAuthenticated: true, consoleSession: true },
    invokedBy: undefined,
    extra: { origin: 'console', assumeRootPattern: false },
  },
  {
    name: '3 IAM user console sign-in: MFAUsed No',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLEUSER00001', arn: ALICE_ARN, userName: 'alice' },
    record: signIn({ additionalEventData: { MFAUsed: 'No' } }),
    kind: 'iam-user',
    credentials: { kind: 'none', mfaAuthenticated: false, consoleSession: true },
    invokedBy: undefined,
  },
  {
    name: '3 sign-in with MFAUsed as a real boolean',
    userIdentity: { type: 'IAMUser', userName: 'alice' },
    record: signIn({ additionalEventData: { MFAUsed: true } }),
    kind: 'iam-user',
    credentials: { kind: 'none', mfaAuthenticated: true, consoleSession: true },
    invokedBy: undefined,
  },
  {
    name: '3 AKIA key without a record: long-term even with invokedBy absent',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLEUSER00001', accessKeyId: 'AKIAEXAMPLEUSER00002' },
    kind: 'iam-user',
    credentials: { kind: 'long-term', accessKeyId: 'AKIAEXAMPLEUSER00002' },
    invokedBy: undefined,
  },
  // 4. Temporary credentials.
  {
    name: '4 AKIA key but a sessionContext → temporary (rule 3 needs no sessionContext)',
    userIdentity: {
      type: 'IAMUser',
      userName: 'alice',
      accessKeyId: 'AKIAEXAMPLEUSER00003',
      sessionContext: { attributes: { creationDate: '2025-01-02T03:04:05Z', mfaAuthenticated: 'false' } },
    },
    record: { eventType: 'AwsApiCall', sessionCredentialFromConsole: 'true' },
    kind: 'iam-user',
    credentials: {
      kind: 'temporary',
      accessKeyId: 'AKIAEXAMPLEUSER00003',
      mfaAuthenticated: false,
      consoleSession: true,
      issuedAt: '2025-01-02T03:04:05Z',
    },
    invokedBy: undefined,
  },
  {
    name: '4 basic ISO creationDate kept as given, boolean MFA accepted',
    userIdentity: {
      ...role,
      sessionContext: { attributes: { creationDate: '20250102T030405Z', mfaAuthenticated: true } },
    },
    kind: 'assumed-role',
    credentials: {
      kind: 'temporary',
      accessKeyId: 'ASIAEXAMPLEROLE00001',
      mfaAuthenticated: true,
      issuedAt: '20250102T030405Z',
    },
    invokedBy: undefined,
  },
  {
    name: '4 role session with a hidden key is still temporary',
    userIdentity: { ...role, accessKeyId: 'HIDDEN_DUE_TO_SECURITY_REASONS' },
    kind: 'assumed-role',
    credentials: { kind: 'temporary', accessKeyId: 'HIDDEN_DUE_TO_SECURITY_REASONS' },
    invokedBy: undefined,
  },
  {
    name: '4 Identity Center permission-set role (path kept)',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLESSO000001:alice@example.com',
      arn: `arn:aws:sts::${ACCT}:assumed-role/AWSReservedSSO_Admin_Access_0123456789abcdef/alice@example.com`,
      accountId: ACCT,
      accessKeyId: 'ASIAEXAMPLESSO000001',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          arn: `arn:aws:iam::${ACCT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_Access_0123456789abcdef`,
          userName: 'AWSReservedSSO_Admin_Access_0123456789abcdef',
        },
        webIdFederationData: {},
      },
    },
    kind: 'assumed-role',
    credentials: { kind: 'temporary', accessKeyId: 'ASIAEXAMPLESSO000001' },
    invokedBy: undefined,
    extra: {
      identityCenter: true,
      permissionSetName: 'Admin_Access',
      roleName: 'AWSReservedSSO_Admin_Access_0123456789abcdef',
      rolePath: '/aws-reserved/sso.amazonaws.com/eu-west-1/',
      roleArn: `arn:aws:iam::${ACCT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_Access_0123456789abcdef`,
      sessionName: 'alice@example.com',
    },
    absent: ['federation'],
  },
  {
    name: '4 role ARN derived from the assumed-role ARN (other partition, no issuer)',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLEGOV000001:ci@build',
      arn: 'arn:aws-us-gov:sts::123456789012:assumed-role/Builder/ci@build',
      accessKeyId: 'ASIAEXAMPLEGOV000001',
    },
    kind: 'assumed-role',
    credentials: { kind: 'temporary', accessKeyId: 'ASIAEXAMPLEGOV000001' },
    invokedBy: undefined,
    extra: {
      roleArn: 'arn:aws-us-gov:iam::123456789012:role/Builder',
      roleName: 'Builder',
      sessionName: 'ci@build',
      identityCenter: false,
    },
    absent: ['rolePath', 'sessionIssuer'],
  },
  {
    name: '4 SAML-federated role session (webIdFederationData)',
    userIdentity: {
      ...role,
      sessionContext: {
        webIdFederationData: {
          federatedProvider: `arn:aws:iam::${ACCT}:saml-provider/Okta`,
          attributes: { 'saml:sub': 'alice' },
        },
        sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCT}:role/Deployer`, userName: 'Deployer' },
      },
    },
    kind: 'assumed-role',
    credentials: { kind: 'temporary', accessKeyId: 'ASIAEXAMPLEROLE00001' },
    invokedBy: undefined,
    extra: { federation: { protocol: 'saml', provider: `arn:aws:iam::${ACCT}:saml-provider/Okta` } },
  },
  {
    name: '4 web-identity role session (Cognito)',
    userIdentity: {
      ...role,
      sessionContext: { webIdFederationData: { federatedProvider: 'cognito-identity.amazonaws.com' } },
    },
    kind: 'assumed-role',
    credentials: { kind: 'temporary', accessKeyId: 'ASIAEXAMPLEROLE00001' },
    invokedBy: undefined,
    extra: { federation: { protocol: 'web-identity', provider: 'cognito-identity.amazonaws.com' } },
  },
  {
    name: '4 SAML console sign-in of a role: provider from additionalEventData',
    userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCT}:assumed-role/okta/alice@example.com` },
    record: signIn({
      additionalEventData: { MFAUsed: 'No', SamlProviderArn: `arn:aws:iam::${ACCT}:saml-provider/Okta` },
    }),
    kind: 'assumed-role',
    credentials: { kind: 'none', mfaAuthenticated: false, consoleSession: true },
    invokedBy: undefined,
    extra: { federation: { protocol: 'saml' }, roleName: 'okta', sessionName: 'alice@example.com' },
  },
  {
    name: '4 root console session: ASIA, sessionIssuer {}, invokedBy signin',
    userIdentity: {
      type: 'Root',
      principalId: ACCT,
      arn: ROOT_ARN,
      accountId: ACCT,
      accessKeyId: 'ASIAEXAMPLEROOT00002',
      invokedBy: 'signin.amazonaws.com',
      sessionContext: { sessionIssuer: {}, attributes: { mfaAuthenticated: 'true' } },
    },
    kind: 'root',
    credentials: {
      kind: 'temporary',
      accessKeyId: 'ASIAEXAMPLEROOT00002',
      mfaAuthenticated: true,
      consoleSession: true,
    },
    invokedBy: 'signin.amazonaws.com',
    extra: { origin: 'console', assumeRootPattern: false },
  },
  {
    name: '4 root ASIA with sessionIssuer {} and no other signal: console or GetSessionToken',
    userIdentity: {
      type: 'Root',
      arn: ROOT_ARN,
      accessKeyId: 'ASIAEXAMPLEROOT00003',
      sessionContext: { sessionIssuer: {}, attributes: { mfaAuthenticated: 'false' } },
    },
    kind: 'root',
    credentials: { kind: 'temporary', accessKeyId: 'ASIAEXAMPLEROOT00003', mfaAuthenticated: false },
    invokedBy: undefined,
    extra: { origin: 'uncertain', assumeRootPattern: false },
  },
  {
    name: '4 root with assumedRoot "true" → AssumeRoot',
    userIdentity: {
      type: 'Root',
      arn: ROOT_ARN,
      accessKeyId: 'ASIAEXAMPLEROOT00004',
      sessionContext: { attributes: { mfaAuthenticated: 'false' }, assumedRoot: 'true' },
    },
    kind: 'root',
    credentials: { kind: 'temporary', accessKeyId: 'ASIAEXAMPLEROOT00004', mfaAuthenticated: false },
    invokedBy: undefined,
    extra: { origin: 'assume-root', assumeRootPattern: true },
  },
  {
    name: '4 IAM user session with a console flag on the record',
    userIdentity: {
      type: 'IAMUser',
      userName: 'alice',
      accessKeyId: 'ASIAEXAMPLECONS00002',
      sessionContext: { sessionIssuer: {}, attributes: { mfaAuthenticated: 'false' } },
    },
    record: { eventType: 'AwsApiCall', sessionCredentialFromConsole: true },
    kind: 'iam-user',
    credentials: {
      kind: 'temporary',
      accessKeyId: 'ASIAEXAMPLECONS00002',
      mfaAuthenticated: false,
      consoleSession: true,
    },
    invokedBy: undefined,
  },
  // 5. AWSAccount.
  {
    name: '5 AWSAccount: recipient differs → crossAccount',
    userIdentity: { type: 'AWSAccount', principalId: 'AIDAEXAMPLEOTHER0001', accountId: '210987654321' },
    record: { eventType: 'AwsApiCall', recipientAccountId: ACCT, sharedEventID: 'x' },
    kind: 'aws-account',
    credentials: { kind: 'unknown' },
    invokedBy: undefined,
    extra: { anonymous: false, recipientAccountId: ACCT, crossAccount: true },
  },
  {
    name: '5 AWSAccount: ANONYMOUS_PRINCIPAL',
    userIdentity: { type: 'AWSAccount', principalId: '', accountId: 'ANONYMOUS_PRINCIPAL' },
    record: { eventType: 'AwsApiCall', recipientAccountId: ACCT },
    kind: 'aws-account',
    credentials: { kind: 'unknown' },
    invokedBy: undefined,
    extra: { anonymous: true, crossAccount: true },
  },
  // 6. Other types.
  {
    name: '6 IdentityCenterUser sign-in with top-level userId (seen in fixtures)',
    userIdentity: {
      type: 'IdentityCenterUser',
      userId: 'd-12345abcde',
      identityStoreArn: `arn:aws:identitystore::${ACCT}:identitystore/d-12345abcde`,
      accountId: ACCT,
      accessKeyId: '',
    },
    record: signIn({ additionalEventData: { MFAUsed: true } }),
    kind: 'identity-center-user',
    credentials: { kind: 'none', mfaAuthenticated: true, consoleSession: true },
    invokedBy: undefined,
    extra: { userId: 'd-12345abcde', identityStoreArn: `arn:aws:identitystore::${ACCT}:identitystore/d-12345abcde` },
  },
  {
    name: '6 Role (documented, never observed) → assumed-role',
    userIdentity: { ...role, type: 'Role' },
    kind: 'assumed-role',
    credentials: { kind: 'temporary', accessKeyId: 'ASIAEXAMPLEROLE00001' },
    invokedBy: undefined,
    extra: { type: 'Role', roleName: 'Deployer' },
  },
  {
    name: '6 a future type is kept verbatim',
    userIdentity: { type: 'AgentPrincipal', principalId: 'AGNTEXAMPLE', accessKeyId: 'ASIAEXAMPLEAGNT00001' },
    kind: 'unknown',
    credentials: { kind: 'temporary', accessKeyId: 'ASIAEXAMPLEAGNT00001' },
    invokedBy: undefined,
    extra: { type: 'AgentPrincipal', principalId: 'AGNTEXAMPLE' },
  },
  {
    name: '6 Unknown on a service event (federation sign-in)',
    userIdentity: { type: 'Unknown', principalId: 'x', userName: 'me@example.com', accessKeyId: '' },
    record: { eventType: 'AwsServiceEvent', eventName: 'Federate', sourceIPAddress: '192.0.2.1' },
    kind: 'unknown',
    credentials: { kind: 'none' },
    invokedBy: undefined,
    extra: { type: 'Unknown', userName: 'me@example.com' },
  },
  // 7. Overlays.
  {
    name: '7 inScopeOf, invokedByDelegate and sourceIdentity on a role session',
    userIdentity: {
      ...role,
      sessionContext: { sourceIdentity: 'alice', attributes: {} },
      inScopeOf: {
        sourceArn: `arn:aws:lambda:us-east-1:${ACCT}:function:f`,
        sourceAccount: ACCT,
        issuerType: 'AWS::Lambda::Function',
        credentialsIssuedTo: `arn:aws:iam::${ACCT}:role/fn-role`,
      },
      invokedByDelegate: { accountId: '111122223333' },
    },
    kind: 'assumed-role',
    credentials: { kind: 'temporary', accessKeyId: 'ASIAEXAMPLEROLE00001' },
    invokedBy: undefined,
    extra: {
      sourceIdentity: 'alice',
      invokedByDelegate: { accountId: '111122223333' },
      inScopeOf: {
        sourceArn: `arn:aws:lambda:us-east-1:${ACCT}:function:f`,
        sourceAccount: ACCT,
        issuerType: 'AWS::Lambda::Function',
        credentialsIssuedTo: `arn:aws:iam::${ACCT}:role/fn-role`,
      },
    },
  },
  {
    name: '7 overlays on an IAM user; Lake spelling credentiaisissuedto',
    userIdentity: {
      type: 'IAMUser',
      userName: 'alice',
      accessKeyId: 'AKIAEXAMPLEUSER00004',
      inScopeOf: { issuerType: 'AWS::EC2::Instance', credentiaisissuedto: 'i-0example' },
      invokedByDelegate: {},
    },
    kind: 'iam-user',
    credentials: { kind: 'long-term', accessKeyId: 'AKIAEXAMPLEUSER00004' },
    invokedBy: undefined,
    extra: {
      inScopeOf: { issuerType: 'AWS::EC2::Instance', credentialsIssuedTo: 'i-0example' },
      invokedByDelegate: {},
    },
  },
];

describe('§2.3 rules', () => {
  it.each(rules.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));

  it('covers every identity kind across examples and rules', () => {
    const seen = new Set([...examples, ...rules].map((c) => c.kind));
    expect([...seen].sort()).toEqual([...identityKinds].sort());
  });
});

describe('never throws', () => {
  const garbage: unknown[] = [
    42,
    'Root',
    true,
    [],
    [{ type: 'Root' }],
    {},
    { type: 5, principalId: {}, arn: [], accountId: 1, accessKeyId: true, userName: null },
    { type: 'Root', sessionContext: 'x' },
    { type: 'AssumedRole', sessionContext: { sessionIssuer: [], attributes: 'x', webIdFederationData: 7 } },
    { type: 'IdentityCenterUser', onBehalfOf: 'x', inScopeOf: [1], invokedByDelegate: 0 },
    { type: 'AssumedRole', arn: 'arn:', principalId: ':' },
    { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/' },
    {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::1:assumed-role//x',
      sessionContext: { sessionIssuer: { arn: 'arn:a:iam::1:role/' } },
    },
    { type: 'AssumedRole', sessionContext: { sessionIssuer: { userName: 'AWSReservedSSO_' } } },
    { type: 'FederatedUser', arn: 'arn:aws:sts::1:federated-user/', principalId: '1:' },
  ];
  const records: unknown[] = [undefined, null, 5, 'x', [], { eventType: 7, additionalEventData: 'x' }];

  it.each(garbage.map((g, i) => [i, g] as const))('garbage input #%i', (_i, g) => {
    for (const r of records) {
      const id = classifyIdentity(g as UserIdentity, r as CloudTrailRecord);
      expect(identityKinds).toContain(id.kind);
      expect(typeof describeIdentity(id)).toBe('string');
    }
  });

  it('treats non-objects as unknown and {} without type as unknown', () => {
    expect(classifyIdentity(42 as unknown as UserIdentity).kind).toBe('unknown');
    expect(classifyIdentity([] as unknown as UserIdentity).kind).toBe('unknown');
    expect(classifyIdentity({ type: 5 } as unknown as UserIdentity)).toStrictEqual({
      kind: 'unknown',
      credentials: { kind: 'unknown' },
    });
  });

  it('survives a throwing getter', () => {
    const evil = {
      get type(): string {
        throw new Error('boom');
      },
    };
    expect(classifyIdentity(evil as UserIdentity).kind).toBe('unknown');
  });
});

describe('hostile input', () => {
  it('reads own properties only and never pollutes prototypes', () => {
    const parsed = JSON.parse(
      '{"__proto__":{"polluted":"yes","type":"Root"},"constructor":{"prototype":{"polluted":"yes"}},' +
        '"sessionContext":{"__proto__":{"polluted":"yes"},"attributes":{"__proto__":{"mfaAuthenticated":"true"}}},' +
        '"inScopeOf":{"__proto__":{"polluted":"yes"}}}',
    ) as UserIdentity;
    const id = classifyIdentity(parsed);
    expect(id.kind).toBe('unknown');
    expect(id.credentials).toStrictEqual({ kind: 'temporary' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(id)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(id.inScopeOf)).toBe(Object.prototype);
    expect(Object.keys(id.inScopeOf ?? { x: 1 })).toEqual([]);
  });

  it('ignores inherited fields', () => {
    const inherited = Object.create({ type: 'Root', accessKeyId: 'AKIAEXAMPLEROOT00009' }) as UserIdentity;
    const id = classifyIdentity(inherited);
    expect(id.kind).toBe('unknown');
    expect(id.credentials).toStrictEqual({ kind: 'unknown' });
  });

  // no super-linear scan: on 1 MB strings one could not finish within the test timeout (timing: scripts/bench/adversarial.mjs)
  it('classifies 1 MB strings', () => {
    const mb = 1 << 20;
    const big = 'a'.repeat(mb);
    const inputs: unknown[] = [
      { type: 'AssumedRole', arn: `arn:aws:sts::1:assumed-role/${big}/${big}`, principalId: `AROA${big}:${big}` },
      { type: 'AssumedRole', arn: `arn:${':'.repeat(mb)}`, principalId: ':'.repeat(mb) },
      { type: 'AssumedRole', arn: `arn:aws:sts::1:assumed-role/${'/'.repeat(mb)}` },
      {
        type: 'AssumedRole',
        sessionContext: {
          sessionIssuer: { arn: `arn:aws:iam::1:role/${'/'.repeat(mb)}AWSReservedSSO_${'_'.repeat(mb)}` },
        },
      },
      { type: 'IAMUser', userName: big, accessKeyId: `AKIA${big}`, arn: `arn:aws:iam::1:user/${big}` },
      { type: 'FederatedUser', arn: `arn:aws:sts::1:federated-user/${big}`, principalId: `1:${big}` },
      { type: big, principalId: big, invokedBy: big },
      {
        type: 'Root',
        sessionContext: { assumedRoot: 't'.repeat(mb), attributes: { mfaAuthenticated: 'y'.repeat(mb) } },
      },
      { type: 'AWSService' },
    ];
    const record = {
      sourceIPAddress: `${'x'.repeat(mb)}.amazonaws.com`,
      userAgent: `${' '.repeat(mb)}.amazonaws.com`,
      additionalEventData: { MFAUsed: big },
    };
    for (const input of inputs) {
      const id = classifyIdentity(input as UserIdentity, record as CloudTrailRecord);
      expect(describeIdentity(id).length).toBeLessThan(400);
    }
  });
});
