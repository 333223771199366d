/**
 * `identityKey`: a stable key to group requests by the principal that made them.
 *
 * @module
 */

import { accountOf } from './account.js';
import { arnResourceName } from './arn.js';
import type { Identity } from './types.js';

/**
 * A stable key for grouping requests by caller: the same principal gives the same key whatever the
 * credentials, MFA or calling service of each request; the same name in two accounts gives two
 * keys. The principal is the identity kind, its account (`accountId`, else the ARN's) and its
 * name: the IAM user, the role and session, the federated user, the service... An opaque string
 * (a JSON array): compare it, do not parse it; show `describeIdentity` to people.
 *
 * @example
 * ```ts
 * import { classifyIdentity, identityKey } from 'cloudtrail-chime';
 *
 * const alice = (accountId: string, accessKeyId: string) =>
 *   identityKey(classifyIdentity({ type: 'IAMUser', userName: 'alice', accountId, accessKeyId }));
 * alice('111122223333', 'AKIAEXAMPLEUSER00001') === alice('111122223333', 'ASIAEXAMPLEUSER00002'); // true
 * alice('111122223333', 'AKIAEXAMPLEUSER00001') === alice('444455556666', 'AKIAEXAMPLEUSER00003'); // false
 * ```
 */
export function identityKey(identity: Identity): string {
  const account = accountOf(identity) ?? '';
  return JSON.stringify([identity.kind, account, ...principalNameOf(identity)]);
}

function principalNameOf(id: Identity): (string | null)[] {
  const or = (...values: (string | undefined)[]) => values.find((v) => v !== undefined) ?? null;
  switch (id.kind) {
    case 'root':
    case 'none':
      return [];
    case 'iam-user':
      return [or(id.userName, id.arn === undefined ? undefined : arnResourceName(id.arn, 'user/'), id.principalId)];
    case 'assumed-role':
      return [or(id.roleName, id.roleArn), or(id.sessionName)];
    case 'federated-user':
      return [or(id.federatedUserName, id.principalId)];
    case 'saml-user':
    case 'web-identity-user':
      return [or(id.identityProvider), or(id.userName, id.principalId)];
    case 'identity-center-user':
      return [or(id.identityStoreArn), or(id.userId, id.userName, id.principalId)];
    case 'aws-account':
      return [or(id.principalId)];
    case 'aws-service':
      return [or(id.invokedBy)];
    case 'directory':
    case 'unknown':
      return [or(id.type), or(id.userName, id.arn, id.principalId)];
  }
}
