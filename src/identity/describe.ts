/**
 * `describeIdentity`: a short, deterministic, one-line description of an {@link Identity}.
 *
 * @module
 */

import { arnResourceName } from './arn.js';
import type { Identity } from './types.js';

/** Names longer than this are cut (with `…`) so a description stays one short line. */
const MAX_NAME = 64;

/**
 * A one-line, human-readable description of who made a request and how: the principal, then
 * ` — ` and the credentials, then `, MFA` when MFA was used and `, via <service>` when another
 * AWS service made the request. Deterministic (same identity, same text), so it can be used to
 * group callers. Names longer than 64 characters are shortened with `…`.
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
 *     accessKeyId: 'AKIAEXAMPLEUSER00001',
 *   }),
 * );
 * // 'IAM user alice — long-term access key'
 * ```
 */
export function describeIdentity(identity: Identity): string {
  const who = principalOf(identity);
  if (identity.kind === 'none') return who;
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
  switch (id.kind) {
    case 'root':
      return 'root';
    case 'iam-user':
      return `IAM user ${name(id.userName ?? fromArn(id.arn, 'user/') ?? id.principalId)}`;
    case 'assumed-role': {
      const session = id.sessionName === undefined ? '' : ` (session ${clip(id.sessionName)})`;
      if (id.identityCenter && id.permissionSetName !== undefined) {
        return `Identity Center permission set ${clip(id.permissionSetName)}${session}`;
      }
      return `role ${name(id.roleName)}${session}`;
    }
    case 'federated-user': {
      const issuer = id.sessionIssuer?.userName;
      return `federated user ${name(id.federatedUserName)}${issuer === undefined ? '' : ` (issued by ${clip(issuer)})`}`;
    }
    case 'saml-user':
      return `SAML user ${name(id.userName ?? id.principalId)}${provider(id.identityProvider)}`;
    case 'web-identity-user':
      return `web identity user ${name(id.userName ?? id.principalId)}${provider(id.identityProvider)}`;
    case 'identity-center-user':
      return `Identity Center user ${name(id.userId ?? id.userName ?? id.principalId)}`;
    case 'aws-account':
      if (id.anonymous) return 'anonymous principal';
      return `AWS account ${name(id.accountId)}${id.principalId === undefined ? '' : ` (principal ${clip(id.principalId)})`}`;
    case 'aws-service':
      return `AWS service ${name(id.invokedBy)}`;
    case 'directory':
      return `directory user ${name(id.userName ?? id.principalId)}`;
    case 'unknown': {
      const label = id.userName ?? id.arn ?? id.principalId;
      const type = id.type === undefined ? '' : ` (type ${clip(id.type)})`;
      return `unknown principal${label === undefined ? '' : ` ${clip(label)}`}${type}`;
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
