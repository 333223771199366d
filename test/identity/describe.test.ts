import { describe, expect, it } from 'vitest';
import type { CloudTrailRecord, UserIdentity } from '../../src/index.js';
import { classifyIdentity, describeIdentity, identityKey } from '../../src/index.js';

const ACCT = '123456789012';

const cases: [string, unknown, Record<string, unknown> | undefined, string][] = [
  [
    'root long-term key',
    { type: 'Root', principalId: ACCT, arn: `arn:aws:iam::${ACCT}:root`, accessKeyId: 'AKIAEXAMPLEROOT00001' },
    undefined,
    'root (123456789012) — long-term access key',
  ],
  [
    'root AssumeRoot pattern',
    {
      type: 'Root',
      accessKeyId: 'ASIAEXAMPLEPRIV00001',
      sessionContext: { attributes: { mfaAuthenticated: 'false' } },
    },
    undefined,
    'root — temporary session, origin uncertain (AssumeRoot or console)',
  ],
  [
    'root assumedRoot',
    { type: 'Root', accessKeyId: 'ASIAEXAMPLEPRIV00002', sessionContext: { assumedRoot: 'true' } },
    undefined,
    'root — temporary AssumeRoot session',
  ],
  [
    'root console session via signin',
    {
      type: 'Root',
      accessKeyId: 'ASIAEXAMPLEROOT00002',
      invokedBy: 'signin.amazonaws.com',
      sessionContext: { sessionIssuer: {}, attributes: { mfaAuthenticated: 'true' } },
    },
    undefined,
    'root — temporary console session, MFA',
  ],
  [
    'root console sign-in',
    { type: 'Root', accessKeyId: '' },
    { eventType: 'AwsConsoleSignIn', additionalEventData: { MFAUsed: 'No' } },
    'root — console sign-in',
  ],
  [
    'IAM user long-term',
    { type: 'IAMUser', userName: 'alice', accessKeyId: 'AKIAEXAMPLEUSER00001' },
    undefined,
    'IAM user alice — long-term access key',
  ],
  [
    'IAM user console session with MFA',
    {
      type: 'IAMUser',
      userName: 'alice',
      accessKeyId: 'ASIAEXAMPLECONS00001',
      sessionContext: { sessionIssuer: {}, attributes: { mfaAuthenticated: 'true' } },
    },
    { sessionCredentialFromConsole: 'true' },
    'IAM user alice — temporary console session, MFA',
  ],
  [
    'IAM user ambiguous session',
    {
      type: 'IAMUser',
      arn: `arn:aws:iam::${ACCT}:user/alice`,
      accessKeyId: 'ASIAEXAMPLECONS00001',
      sessionContext: { sessionIssuer: {}, attributes: { mfaAuthenticated: 'true' } },
    },
    undefined,
    'IAM user alice (123456789012) — temporary session (console or GetSessionToken), MFA',
  ],
  [
    'role session',
    {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCT}:assumed-role/Deployer/deploy`,
      accessKeyId: 'ASIAEXAMPLEROLE00001',
      sessionContext: { attributes: { mfaAuthenticated: 'false' } },
    },
    undefined,
    'role Deployer (123456789012, session deploy) — temporary credentials',
  ],
  [
    'role session used by a service',
    {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCT}:assumed-role/Deployer/deploy`,
      invokedBy: 'cloudformation.amazonaws.com',
    },
    undefined,
    'role Deployer (123456789012, session deploy) — temporary credentials, via cloudformation.amazonaws.com',
  ],
  [
    'Identity Center permission set',
    {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCT}:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/alice@example.com`,
    },
    undefined,
    'Identity Center permission set ReadOnly (123456789012, session alice@example.com) — temporary credentials',
  ],
  [
    'federated user',
    {
      type: 'FederatedUser',
      arn: `arn:aws:sts::${ACCT}:federated-user/bob`,
      sessionContext: { sessionIssuer: { type: 'IAMUser', userName: 'alice' } },
    },
    undefined,
    'federated user bob (123456789012, issued by alice) — temporary credentials',
  ],
  [
    'AWS service',
    { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' },
    undefined,
    'AWS service lambda.amazonaws.com',
  ],
  [
    'service event',
    { accountId: ACCT, invokedBy: 'AWS Internal' },
    undefined,
    'AWS service AWS Internal (123456789012)',
  ],
  [
    'AWS account',
    { type: 'AWSAccount', principalId: 'AROAEXAMPLEOTHER0001:job', accountId: '210987654321' },
    undefined,
    'AWS account 210987654321 (principal AROAEXAMPLEOTHER0001:job) — temporary credentials',
  ],
  [
    'anonymous',
    { type: 'AWSAccount', accountId: 'ANONYMOUS_PRINCIPAL' },
    undefined,
    'anonymous principal — credentials unknown',
  ],
  [
    'Identity Center user',
    { type: 'IdentityCenterUser', onBehalfOf: { userId: '94d0-ex' }, credentialId: 'EXcred' },
    undefined,
    'Identity Center user 94d0-ex — temporary credentials',
  ],
  [
    'SAML user',
    { type: 'SAMLUser', userName: 'alice@example.com', identityProvider: 'qual' },
    undefined,
    'SAML user alice@example.com via qual — no AWS credentials',
  ],
  [
    'web identity user',
    { type: 'WebIdentityUser', userName: 'uid', identityProvider: 'accounts.google.com' },
    undefined,
    'web identity user uid via accounts.google.com — no AWS credentials',
  ],
  ['directory', { type: 'Directory', userName: 'alias' }, undefined, 'directory user alias — credentials unknown'],
  [
    'Unknown',
    { type: 'Unknown', userName: 'name' },
    undefined,
    'unknown principal name (type Unknown) — credentials unknown',
  ],
  ['no type at all', {}, undefined, 'unknown principal — credentials unknown'],
  ['none', undefined, undefined, 'no identity'],
];

describe('describeIdentity', () => {
  it.each(cases)('%s', (_name, ui, record, expected) => {
    expect(describeIdentity(classifyIdentity(ui as UserIdentity, record as CloudTrailRecord | undefined))).toBe(
      expected,
    );
  });

  it('is deterministic and single-line', () => {
    for (const [, ui, record] of cases) {
      const a = describeIdentity(classifyIdentity(ui as UserIdentity, record as CloudTrailRecord | undefined));
      const b = describeIdentity(classifyIdentity(ui as UserIdentity, record as CloudTrailRecord | undefined));
      expect(a).toBe(b);
      expect(a).not.toMatch(/\n/);
    }
  });

  it('shortens long names', () => {
    const text = describeIdentity(classifyIdentity({ type: 'IAMUser', userName: 'x'.repeat(500) }));
    expect(text).toBe(`IAM user ${'x'.repeat(63)}… — credentials unknown`);
  });
});

describe('describeIdentity names the account', () => {
  it('IAM user with an accountId', () => {
    const id = classifyIdentity({
      type: 'IAMUser',
      userName: 'alice',
      accountId: '111122223333',
      accessKeyId: 'AKIAEXAMPLEUSER00001',
    });
    expect(describeIdentity(id)).toBe('IAM user alice (111122223333) — long-term access key');
    expect(describeIdentity(id, { credentials: false })).toBe('IAM user alice (111122223333)');
    expect(describeIdentity(id, { credentials: undefined })).toBe(describeIdentity(id));
  });

  it('from the ARN when accountId is missing', () => {
    const id = classifyIdentity({ type: 'IAMUser', arn: 'arn:aws:iam::444455556666:user/bob' });
    expect(describeIdentity(id)).toBe('IAM user bob (444455556666) — credentials unknown');
  });
});

describe('identityKey', () => {
  const user = (accountId: string, extra: Record<string, unknown> = {}) =>
    classifyIdentity({ type: 'IAMUser', userName: 'alice', accountId, ...extra } as UserIdentity);

  it('same principal, same key, whatever the credentials', () => {
    const longTerm = user(ACCT, { accessKeyId: 'AKIAEXAMPLEUSER00001', principalId: 'AIDAEXAMPLEUSER00001' });
    const console = user(ACCT, {
      accessKeyId: 'ASIAEXAMPLECONS00001',
      sessionContext: { sessionIssuer: {}, attributes: { mfaAuthenticated: 'true' } },
      invokedBy: 'signin.amazonaws.com',
    });
    expect(describeIdentity(longTerm)).not.toBe(describeIdentity(console));
    expect(identityKey(longTerm)).toBe(identityKey(console));
    // the account from the ARN counts the same as accountId
    const byArn = classifyIdentity({ type: 'IAMUser', userName: 'alice', arn: `arn:aws:iam::${ACCT}:user/alice` });
    expect(identityKey(byArn)).toBe(identityKey(longTerm));
  });

  it('the same name in two accounts gives two keys', () => {
    expect(identityKey(user('111122223333'))).not.toBe(identityKey(user('444455556666')));
    const root = (acct: string) =>
      classifyIdentity({ type: 'Root', arn: `arn:aws:iam::${acct}:root`, accountId: acct });
    expect(identityKey(root('111122223333'))).not.toBe(identityKey(root('444455556666')));
    const role = (acct: string) =>
      classifyIdentity({
        type: 'AssumedRole',
        arn: `arn:aws:sts::${acct}:assumed-role/Deployer/deploy`,
        accountId: acct,
        accessKeyId: 'ASIAEXAMPLEROLE00001',
      });
    expect(identityKey(role('111122223333'))).not.toBe(identityKey(role('444455556666')));
    expect(identityKey(role('111122223333'))).toBe(identityKey(role('111122223333')));
  });

  it('different kinds or names give different keys; names cannot collide through separators', () => {
    const keys = new Set(
      cases.map(([, ui, record]) =>
        identityKey(classifyIdentity(ui as UserIdentity, record as CloudTrailRecord | undefined)),
      ),
    );
    expect(keys.size).toBeGreaterThan(10);
    const a = classifyIdentity({ type: 'IAMUser', userName: 'a","b', accountId: ACCT });
    const b = classifyIdentity({ type: 'IAMUser', userName: 'a', accountId: `${ACCT}","b` });
    expect(identityKey(a)).not.toBe(identityKey(b));
  });
});
