/**
 * `describeIdentity`: a short, deterministic, one-line description of an {@link Identity}.
 *
 * @module
 */

import { accountOf } from './account.js';
import { arnResourceName } from './arn.js';
import type { Identity } from './types.js';

/** Names longer than this are cut (with `…`) so a description stays one short line. */
const MAX_NAME = 64;

/** Options of {@link describeIdentity}. */
export interface DescribeIdentityOptions {
  /** Describe the credentials, MFA and calling service after the principal (default `true`). */
  credentials?: boolean | undefined;
}

/**
 * A one-line, human-readable description of who made a request and how: the principal with its
 * account in parentheses (where the record has one, from `accountId` or the ARN), then ` — ` and
 * the credentials, then `, MFA` when MFA was used and `, via <service>` when another AWS service
 * made the request. Deterministic (same identity, same text). Names longer than 64 characters are
 * shortened with `…`, so group callers with `identityKey`, not with this text.
 *
 * @example
 * ```ts
 * import { classifyIdentity, describeIdentity } from 'cloudtrail-chime';
 *
 * describeIdentity(classifyIdentity({ type: 'AWSService', invokedBy: 'lambda.amazonaws.com' }));
 * // 'AWS service lambda.amazonaws.com'
 * describeIdentity(
 *   classifyIdentity({
 *     type: 'IAMUser',
 *     userName: 'alice',
 *     accountId: '111122223333',
 *     accessKeyId: 'AKIAEXAMPLEUSER00001',
 *   }),
 * );
 * // 'IAM user alice (111122223333) — long-term access key'
 * ```
 */
export function describeIdentity(identity: Identity, options?: DescribeIdentityOptions): string {
  const who = principalOf(identity);
  if (identity.kind === 'none' || options?.credentials === false) return who;
  if (identity.kind === 'aws-service' && identity.credentials.kind === 'none') return who;
  const parts = [credentialsOf(identity)];
  if (identity.credentials.mfaAuthenticated === true) parts.push('MFA');
  const via = identity.invokedBy;
  if (
    via !== undefined &&
    identity.kind !== 'aws-service' &&
    !(via === 'signin.amazonaws.com' && identity.credentials.consoleSession === true)
  ) {
    parts.push(`via ${clip(via)}`);
  }
  return `${who} — ${parts.join(', ')}`;
}

function principalOf(id: Identity): string {
  const account = accountOf(id);
  /** ` (account, notes...)`, or nothing when there is neither. */
  const about = (...notes: (string | undefined)[]) => {
    const parts = [account === undefined ? undefined : clip(account), ...notes].filter((p) => p !== undefined);
    return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
  };
  switch (id.kind) {
    case 'root':
      return `root${about()}`;
    case 'iam-user':
      return `IAM user ${name(id.userName ?? fromArn(id.arn, 'user/') ?? id.principalId)}${about()}`;
    case 'assumed-role': {
      const session = id.sessionName === undefined ? undefined : `session ${clip(id.sessionName)}`;
      if (id.identityCenter && id.permissionSetName !== undefined) {
        return `Identity Center permission set ${clip(id.permissionSetName)}${about(session)}`;
      }
      return `role ${name(id.roleName)}${about(session)}`;
    }
    case 'federated-user': {
      const issuer = id.sessionIssuer?.userName;
      return `federated user ${name(id.federatedUserName)}${about(issuer === undefined ? undefined : `issued by ${clip(issuer)}`)}`;
    }
    case 'saml-user':
      return `SAML user ${name(id.userName ?? id.principalId)}${about()}${provider(id.identityProvider)}`;
    case 'web-identity-user':
      return `web identity user ${name(id.userName ?? id.principalId)}${about()}${provider(id.identityProvider)}`;
    case 'identity-center-user':
      return `Identity Center user ${name(id.userId ?? id.userName ?? id.principalId)}${about()}`;
    case 'aws-account':
      if (id.anonymous) return 'anonymous principal';
      return `AWS account ${name(id.accountId)}${id.principalId === undefined ? '' : ` (principal ${clip(id.principalId)})`}`;
    case 'aws-service':
      return `AWS service ${name(id.invokedBy)}${about()}`;
    case 'directory':
      return `directory user ${name(id.userName ?? id.principalId)}${about()}`;
    case 'unknown': {
      const label = id.userName ?? id.arn ?? id.principalId;
      const type = id.type === undefined ? undefined : `type ${clip(id.type)}`;
      return `unknown principal${label === undefined ? '' : ` ${clip(label)}`}${about(type)}`;
    }
    case 'none':
      return 'no identity';
  }
}

function credentialsOf(id: Identity): string {
  const c = id.credentials;
  switch (c.kind) {
    case 'long-term':
      return 'long-term access key';
    case 'temporary':
      if (id.kind === 'root') {
        if (id.origin === 'assume-root') return 'temporary AssumeRoot session';
        if (id.origin === 'uncertain') {
          return id.assumeRootPattern
            ? 'temporary session, origin uncertain (AssumeRoot or console)'
            : 'temporary session (console or GetSessionToken)';
        }
      }
      if (c.consoleSession === true) return 'temporary console session';
      if (id.kind === 'iam-user') return 'temporary session (console or GetSessionToken)';
      return 'temporary credentials';
    case 'none':
      if (c.consoleSession === true) return 'console sign-in';
      return id.kind === 'saml-user' || id.kind === 'web-identity-user' ? 'no AWS credentials' : 'no credentials';
    case 'unknown':
      return 'credentials unknown';
  }
}

function provider(p: string | undefined): string {
  return p === undefined ? '' : ` via ${clip(p)}`;
}

function fromArn(arn: string | undefined, prefix: string): string | undefined {
  return arn === undefined ? undefined : arnResourceName(arn, prefix);
}

function name(value: string | undefined): string {
  return value === undefined ? '(unnamed)' : clip(value);
}

function clip(value: string): string {
  return value.length > MAX_NAME ? `${value.slice(0, MAX_NAME - 1)}…` : value;
}
