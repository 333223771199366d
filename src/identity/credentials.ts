/**
 * Which credentials signed a request: the access key id's prefix (`AKIA` long-term, `ASIA`
 * temporary) and the session context (console sessions, MFA).
 *
 * @module
 */

import { type Bag, bag, compact, flag, own, str } from './read.js';
import type { IdentityCredentials, IdentityKind } from './types.js';

/** The access-key family told by an access key id's prefix. */
export type AccessKeyFamily = 'long-term' | 'temporary' | undefined;

/**
 * `long-term` for `AKIA…` keys, `temporary` for `ASIA…` (STS) and `ABIA…` (STS bearer token),
 * `undefined` for anything else (absent, `""`, redacted or placeholder values).
 */
export function accessKeyFamily(accessKeyId: string | undefined): AccessKeyFamily {
  if (accessKeyId === undefined) return undefined;
  if (accessKeyId.startsWith('AKIA')) return 'long-term';
  if (accessKeyId.startsWith('ASIA') || accessKeyId.startsWith('ABIA')) return 'temporary';
  return undefined;
}

/** What {@link readCredentials} needs besides the `userIdentity` itself. */
export interface CredentialContext {
  /** The kind already chosen from `userIdentity.type`. */
  kind: IdentityKind;
  /** The record (as a plain object), when one was given. */
  record: Bag | undefined;
  /** `userIdentity.sessionContext`, when it is an object. */
  sessionContext: Bag | undefined;
}

/**
 * Reads the credentials of one `userIdentity`. Order of the rules:
 *
 * 1. console sign-in records (`eventType: AwsConsoleSignIn`) without an `ASIA…` key: `none`;
 * 2. role sessions and federated users: always `temporary`;
 * 3. an `AKIA…` key and no `sessionContext`: `long-term`;
 * 4. an `ASIA…` / `ABIA…` key, or any `sessionContext`: `temporary`;
 * 5. Identity Center users with a `credentialId`, and `AROA…:<session>` principals: `temporary`;
 * 6. AWS services, SAML / web-identity callers and service events: `none`;
 * 7. otherwise `unknown`.
 */
export function readCredentials(ui: Bag, ctx: CredentialContext): IdentityCredentials {
  const { kind, record, sessionContext: sc } = ctx;
  const accessKeyId = str(ui, 'accessKeyId');
  const family = accessKeyFamily(accessKeyId);
  const eventType = str(record, 'eventType');
  const signIn = eventType === 'AwsConsoleSignIn';
  const attributes = bag(sc, 'attributes');

  let mfaAuthenticated = flag(own(attributes, 'mfaAuthenticated'));
  if (signIn) {
    const mfaUsed = flag(own(bag(record, 'additionalEventData'), 'MFAUsed'));
    if (mfaUsed !== undefined) mfaAuthenticated = mfaUsed;
  }

  const consoleSession =
    signIn ||
    eventType === 'AwsConsoleAction' ||
    flag(own(record, 'sessionCredentialFromConsole')) === true ||
    str(ui, 'invokedBy') === 'signin.amazonaws.com' ||
    str(sc, 'signInSessionArn') !== undefined;

  let credentialKind: IdentityCredentials['kind'];
  if (signIn && family !== 'temporary') credentialKind = 'none';
  else if (kind === 'assumed-role' || kind === 'federated-user') credentialKind = 'temporary';
  else if (family === 'long-term' && sc === undefined) credentialKind = 'long-term';
  else if (family !== undefined || sc !== undefined) credentialKind = 'temporary';
  else if (kind === 'identity-center-user' && str(ui, 'credentialId') !== undefined) credentialKind = 'temporary';
  else if (isRoleSessionPrincipal(str(ui, 'principalId'))) credentialKind = 'temporary';
  else if (
    kind === 'aws-service' ||
    kind === 'saml-user' ||
    kind === 'web-identity-user' ||
    eventType === 'AwsServiceEvent'
  )
    credentialKind = 'none';
  else credentialKind = 'unknown';

  return compact<IdentityCredentials>({
    kind: credentialKind,
    accessKeyId,
    mfaAuthenticated,
    consoleSession: consoleSession ? true : undefined,
    issuedAt: str(attributes, 'creationDate'),
  });
}

/** `AROA…:<session>`: the principal id of a role session. */
function isRoleSessionPrincipal(principalId: string | undefined): boolean {
  return principalId?.startsWith('AROA') === true && principalId.indexOf(':') > 4;
}
