/**
 * `classifyIdentity`: who made a request, with which credentials and through which service,
 * worked out from one `userIdentity` (and, optionally, its record).
 *
 * @module
 */

import type { CloudTrailRecord } from '../schemas/record.js';
import type { UserIdentity } from '../schemas/user-identity.js';
import { arnResourceName, parseAssumedRoleArn, parseRoleArn } from './arn.js';
import { accessKeyFamily, readCredentials } from './credentials.js';
import { asBag, type Bag, bag, compact, flag, hasKeys, own, str } from './read.js';
import type {
  AssumedRoleIdentity,
  FederatedUserIdentity,
  Identity,
  IdentityBase,
  IdentityFederation,
  IdentityKind,
  IdentityScope,
  IdentitySessionIssuer,
  RootIdentity,
} from './types.js';

const SSO_ROLE_PREFIX = 'AWSReservedSSO_';
const SERVICE_SUFFIX = '.amazonaws.com';
/** Longest service name accepted from `sourceIPAddress` / `userAgent`. */
const MAX_SERVICE_NAME = 256;

/**
 * Classifies the `userIdentity` of a CloudTrail record: who made the request (root, IAM user,
 * role session, federated user, another AWS service...), with which credentials (long-term,
 * temporary, none) and which AWS service, if any, made it for them. The rules: `userIdentity.type`
 * gives the kind; the access key prefix and the session context give the credentials; `invokedBy`
 * (and a service name in `sourceIPAddress`) gives the service.
 *
 * Never throws: `null`/`undefined` gives kind `none`; a value that is not an object, a missing
 * or unrecognised `type` gives kind `unknown` (the `type` kept verbatim). Only own properties
 * of the input are read, and no input key is copied into the result.
 *
 * @param userIdentity - the record's `userIdentity` (Insights records have none).
 * @param record - the whole record, optional; used for `eventType` (console sign-ins, service
 *   events), `additionalEventData.MFAUsed` / `SamlProviderArn`, `sessionCredentialFromConsole`,
 *   `sourceIPAddress` / `userAgent` (service names) and `recipientAccountId`.
 * @returns an {@link Identity}, discriminated on `kind`.
 *
 * @example
 * ```ts
 * import { classifyIdentity } from 'cloudtrail-chime';
 *
 * const id = classifyIdentity({
 *   type: 'AssumedRole',
 *   principalId: 'AROAEXAMPLEROLE00001:deploy',
 *   arn: 'arn:aws:sts::123456789012:assumed-role/Deployer/deploy',
 *   accountId: '123456789012',
 *   accessKeyId: 'ASIAEXAMPLEROLE00001',
 * });
 * if (id.kind === 'assumed-role') {
 *   id.roleArn; // 'arn:aws:iam::123456789012:role/Deployer'
 *   id.sessionName; // 'deploy'
 * }
 * id.credentials.kind; // 'temporary'
 * ```
 */
export function classifyIdentity(
  userIdentity: UserIdentity | null | undefined,
  record?: CloudTrailRecord | object | null,
): Identity {
  try {
    return classify(userIdentity, asBag(record));
  } catch {
    // Only reachable with exotic inputs (throwing getters, revoked proxies): JSON never gets here.
    return { kind: 'unknown', credentials: { kind: 'unknown' } };
  }
}

function kindOf(type: string | undefined, ui: Bag, record: Bag | undefined): IdentityKind {
  switch (type) {
    case 'Root':
      return 'root';
    case 'IAMUser':
      return 'iam-user';
    case 'AssumedRole':
    case 'Role':
      return 'assumed-role';
    case 'FederatedUser':
      return 'federated-user';
    case 'SAMLUser':
      return 'saml-user';
    case 'WebIdentityUser':
      return 'web-identity-user';
    case 'IdentityCenterUser':
      return 'identity-center-user';
    case 'AWSAccount':
      return 'aws-account';
    case 'AWSService':
      return 'aws-service';
    case 'Directory':
      return 'directory';
    case undefined:
      // Rule 1: service events carry only {accountId, invokedBy}.
      return str(ui, 'invokedBy') !== undefined || str(record, 'eventType') === 'AwsServiceEvent'
        ? 'aws-service'
        : 'unknown';
    default:
      return 'unknown';
  }
}

function classify(input: unknown, record: Bag | undefined): Identity {
  if (input === null || input === undefined) return { kind: 'none', credentials: { kind: 'none' } };
  const ui = asBag(input);
  if (ui === undefined) return { kind: 'unknown', credentials: { kind: 'unknown' } };

  const rawType = own(ui, 'type');
  const type = typeof rawType === 'string' ? rawType : undefined;
  const kind = kindOf(type, ui, record);
  const sc = bag(ui, 'sessionContext');

  const base: IdentityBase = compact<IdentityBase>({
    type,
    accountId: str(ui, 'accountId'),
    principalId: str(ui, 'principalId'),
    arn: str(ui, 'arn'),
    userName: str(ui, 'userName'),
    credentials: readCredentials(ui, { kind, record, sessionContext: sc }),
    invokedBy: invokedByOf(kind, ui, record),
    invokedByDelegate: delegateOf(bag(ui, 'invokedByDelegate')),
    inScopeOf: scopeOf(bag(ui, 'inScopeOf')),
    sourceIdentity: str(sc, 'sourceIdentity') ?? str(ui, 'sourceIdentity'),
  });

  switch (kind) {
    case 'root':
      return rootOf(base, ui, sc);
    case 'assumed-role':
      return assumedRoleOf(base, sc, record);
    case 'federated-user':
      return compact<FederatedUserIdentity>({
        ...base,
        kind,
        federatedUserName:
          (base.arn === undefined ? undefined : arnResourceName(base.arn, 'federated-user/')) ??
          afterColon(base.principalId),
        sessionIssuer: issuerOf(sc),
      });
    case 'saml-user':
    case 'web-identity-user':
      return compact({ ...base, kind, identityProvider: str(ui, 'identityProvider') });
    case 'identity-center-user': {
      const onBehalfOf = bag(ui, 'onBehalfOf');
      return compact({
        ...base,
        kind,
        userId: str(onBehalfOf, 'userId') ?? str(ui, 'userId'),
        identityStoreArn: str(onBehalfOf, 'identityStoreArn') ?? str(ui, 'identityStoreArn'),
        credentialId: str(ui, 'credentialId'),
      });
    }
    case 'aws-account': {
      const recipientAccountId = str(record, 'recipientAccountId');
      return compact({
        ...base,
        kind,
        anonymous: base.accountId === 'ANONYMOUS_PRINCIPAL' || base.principalId === 'ANONYMOUS_PRINCIPAL',
        recipientAccountId,
        crossAccount:
          recipientAccountId !== undefined && base.accountId !== undefined
            ? recipientAccountId !== base.accountId
            : undefined,
      });
    }
    case 'aws-service':
      return { ...base, kind, serviceEvent: str(record, 'eventType') === 'AwsServiceEvent' };
    default:
      return { ...base, kind };
  }
}

function rootOf(base: IdentityBase, ui: Bag, sc: Bag | undefined): RootIdentity {
  const assumedRoot = flag(own(sc, 'assumedRoot')) === true;
  const pattern =
    assumedRoot ||
    (sc !== undefined &&
      accessKeyFamily(str(ui, 'accessKeyId')) === 'temporary' &&
      !Object.hasOwn(sc, 'sessionIssuer'));
  const creds = base.credentials;
  let origin: RootIdentity['origin'];
  if (creds.kind === 'temporary') {
    origin = assumedRoot ? 'assume-root' : creds.consoleSession ? 'console' : 'uncertain';
  } else if (creds.kind === 'none' && creds.consoleSession) {
    origin = 'console';
  }
  return compact<RootIdentity>({ ...base, kind: 'root', origin, assumeRootPattern: pattern });
}

function assumedRoleOf(base: IdentityBase, sc: Bag | undefined, record: Bag | undefined): AssumedRoleIdentity {
  const sessionIssuer = issuerOf(sc);
  const fromArn = base.arn === undefined ? undefined : parseAssumedRoleArn(base.arn);
  const issuerArn = sessionIssuer?.arn;
  const fromIssuer = issuerArn === undefined ? undefined : parseRoleArn(issuerArn);
  const roleArn = issuerArn ?? fromArn?.roleArn;
  const roleName = fromIssuer?.roleName ?? sessionIssuer?.userName ?? fromArn?.roleName;
  const identityCenter = roleName?.startsWith(SSO_ROLE_PREFIX) === true;
  return compact<AssumedRoleIdentity>({
    ...base,
    kind: 'assumed-role',
    roleArn,
    roleName,
    rolePath: fromIssuer?.rolePath,
    sessionName: (fromArn?.sessionName || undefined) ?? afterColon(base.principalId),
    sessionIssuer,
    federation: federationOf(sc, record),
    identityCenter,
    permissionSetName: identityCenter && roleName !== undefined ? permissionSetOf(roleName) : undefined,
  });
}

/** `AWSReservedSSO_<permission set>_<hex id>` → `<permission set>`. */
function permissionSetOf(roleName: string): string | undefined {
  const rest = roleName.slice(SSO_ROLE_PREFIX.length);
  const last = rest.lastIndexOf('_');
  const name = last < 0 ? rest : rest.slice(0, last);
  return name === '' ? undefined : name;
}

function federationOf(sc: Bag | undefined, record: Bag | undefined): IdentityFederation | undefined {
  let provider = str(bag(sc, 'webIdFederationData'), 'federatedProvider');
  if (provider === undefined && str(record, 'eventType') === 'AwsConsoleSignIn') {
    provider = str(bag(record, 'additionalEventData'), 'SamlProviderArn');
  }
  if (provider === undefined) return undefined;
  return { protocol: provider.indexOf(':saml-provider/') >= 0 ? 'saml' : 'web-identity', provider };
}

function issuerOf(sc: Bag | undefined): IdentitySessionIssuer | undefined {
  const issuer = bag(sc, 'sessionIssuer');
  if (issuer === undefined || !hasKeys(issuer)) return undefined;
  const out = compact<IdentitySessionIssuer>({
    type: str(issuer, 'type'),
    principalId: str(issuer, 'principalId'),
    arn: str(issuer, 'arn'),
    accountId: str(issuer, 'accountId'),
    userName: str(issuer, 'userName'),
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

function delegateOf(delegate: Bag | undefined): IdentityBase['invokedByDelegate'] {
  return delegate === undefined ? undefined : compact({ accountId: str(delegate, 'accountId') });
}

function scopeOf(scope: Bag | undefined): IdentityScope | undefined {
  if (scope === undefined) return undefined;
  return compact<IdentityScope>({
    sourceArn: str(scope, 'sourceArn'),
    sourceAccount: str(scope, 'sourceAccount'),
    issuerType: str(scope, 'issuerType'),
    credentialsIssuedTo: str(scope, 'credentialsIssuedTo') ?? str(scope, 'credentiaisissuedto'),
  });
}

/**
 * `userIdentity.invokedBy`; else `sourceIPAddress` when it is a service name; for AWS services
 * also `AWS Internal` or a `userAgent` that is a service name.
 */
function invokedByOf(kind: IdentityKind, ui: Bag, record: Bag | undefined): string | undefined {
  const declared = str(ui, 'invokedBy');
  if (declared !== undefined) return declared;
  const ip = str(record, 'sourceIPAddress');
  if (ip !== undefined && isServiceName(ip)) return ip;
  if (kind !== 'aws-service') return undefined;
  if (ip === 'AWS Internal') return ip;
  const agent = str(record, 'userAgent');
  return agent !== undefined && isServiceName(agent) ? agent : undefined;
}

/** `<name>.amazonaws.com` without spaces or commas (a service principal, not an IP or a user agent). */
function isServiceName(value: string): boolean {
  return (
    value.length <= MAX_SERVICE_NAME &&
    value.length > SERVICE_SUFFIX.length &&
    value.endsWith(SERVICE_SUFFIX) &&
    value.indexOf(' ') < 0 &&
    value.indexOf(',') < 0 &&
    value.indexOf('/') < 0
  );
}

/** The part after the first `:` (`AROA…:<session>`, `<acct>:<name>`), if not empty. */
function afterColon(principalId: string | undefined): string | undefined {
  if (principalId === undefined) return undefined;
  const at = principalId.indexOf(':');
  if (at < 0 || at === principalId.length - 1) return undefined;
  return principalId.slice(at + 1);
}
