/**
 * The {@link Identity} union returned by `classifyIdentity`.
 *
 * @module
 */

/** Every value of {@link Identity}`['kind']`, in a stable order (for tables and counters). */
export const identityKinds = [
  'root',
  'iam-user',
  'assumed-role',
  'federated-user',
  'saml-user',
  'web-identity-user',
  'identity-center-user',
  'aws-account',
  'aws-service',
  'directory',
  'unknown',
  'none',
] as const;

/** The kind of principal that made a request: the discriminant of {@link Identity}. */
export type IdentityKind = (typeof identityKinds)[number];

/**
 * Which credentials signed the request.
 *
 * - `long-term`: an `AKIA…` access key (IAM user or root keys), no session.
 * - `temporary`: an `ASIA…` key and/or a `sessionContext`: role sessions, federation tokens,
 *   console sessions, `GetSessionToken`, `AssumeRoot`; also every role session and federated user
 *   even when the record hides the key, and Identity Center bearer tokens.
 * - `none`: no AWS credentials signed the request: console sign-in records (`AwsConsoleSignIn`),
 *   service events and calls made by an AWS service itself, `AssumeRoleWithSAML` /
 *   `AssumeRoleWithWebIdentity` callers (they present an assertion or token instead).
 * - `unknown`: the record does not tell.
 */
export type CredentialKind = 'long-term' | 'temporary' | 'none' | 'unknown';

/** What the record says about the credentials behind a request. */
export interface IdentityCredentials {
  /** Long-term, temporary, none or unknown (see {@link CredentialKind}). */
  kind: CredentialKind;
  /** `userIdentity.accessKeyId` as written (absent when missing or `""`; may be redacted). */
  accessKeyId?: string | undefined;
  /**
   * Whether the user had authenticated with MFA: `sessionContext.attributes.mfaAuthenticated`
   * (`"true"`/`"false"` or a boolean), or `additionalEventData.MFAUsed` (`Yes`/`No`) on console sign-ins.
   */
  mfaAuthenticated?: boolean | undefined;
  /**
   * `true` when the request belongs to an AWS Management Console session (a console sign-in
   * record, `sessionCredentialFromConsole`, `invokedBy: signin.amazonaws.com`, a
   * `signInSessionArn`, or `eventType: AwsConsoleAction`). Absent when nothing says so, which
   * does not mean the session was not a console one.
   */
  consoleSession?: boolean | undefined;
  /**
   * When the session began: `sessionContext.attributes.creationDate`, **kept exactly as written**
   * (ISO-8601 basic `20250102T030405Z` or extended `2025-01-02T03:04:05Z`; not normalised).
   */
  issuedAt?: string | undefined;
}

/** `userIdentity.inScopeOf`: the resource the temporary credentials were scoped to. */
export interface IdentityScope {
  /** ARN of the resource the credentials were issued for (e.g. a Lambda function). */
  sourceArn?: string | undefined;
  /** Account owning that resource. */
  sourceAccount?: string | undefined;
  /** Resource type of the issuer, e.g. `AWS::Lambda::Function`. */
  issuerType?: string | undefined;
  /** The principal the credentials were issued to (Lake's `credentiaisissuedto` is read too). */
  credentialsIssuedTo?: string | undefined;
}

/** `sessionContext.sessionIssuer`: who issued the temporary credentials. */
export interface IdentitySessionIssuer {
  /** `Root`, `IAMUser` or `Role`. */
  type?: string | undefined;
  /** Unique id of the issuer (`AROA…`, `AIDA…`, account id). */
  principalId?: string | undefined;
  /** ARN of the issuer (for roles: the role ARN, with its path). */
  arn?: string | undefined;
  /** Account owning the issuer. */
  accountId?: string | undefined;
  /** Friendly name of the issuer (role name, IAM user name). */
  userName?: string | undefined;
}

/** Fields every {@link Identity} variant may carry. */
export interface IdentityBase {
  /** `userIdentity.type` exactly as written, when it is a string. */
  type?: string | undefined;
  /** Account owning the principal (for `aws-account`: the caller's account; may be `ANONYMOUS_PRINCIPAL`). */
  accountId?: string | undefined;
  /** `userIdentity.principalId`. */
  principalId?: string | undefined;
  /** `userIdentity.arn`. */
  arn?: string | undefined;
  /** `userIdentity.userName` (IAM user name, root alias, SAML subject, web-identity user id...). */
  userName?: string | undefined;
  /** Which credentials signed the request. */
  credentials: IdentityCredentials;
  /**
   * The AWS service that made the request: for `aws-service`, the service itself; for any other
   * kind, the service that used this principal's credentials. From `userIdentity.invokedBy`,
   * else from `sourceIPAddress` when it is a service name (`*.amazonaws.com`), and for
   * `aws-service` also `AWS Internal` or the `userAgent`.
   */
  invokedBy?: string | undefined;
  /** `userIdentity.invokedByDelegate`: the product provider using temporary delegated access. */
  invokedByDelegate?: { accountId?: string | undefined } | undefined;
  /** `userIdentity.inScopeOf`: the resource the credentials were scoped to. */
  inScopeOf?: IdentityScope | undefined;
  /** `sessionContext.sourceIdentity` (or `userIdentity.sourceIdentity`). */
  sourceIdentity?: string | undefined;
}

/**
 * How a temporary root session began.
 *
 * - `console`: a console sign-in (`invokedBy: signin.amazonaws.com`, a sign-in record, console flags);
 * - `assume-root`: `sessionContext.assumedRoot` is `"true"` (Organizations `AssumeRoot`);
 * - `uncertain`: the record alone does not tell (see {@link RootIdentity.assumeRootPattern}).
 */
export type RootSessionOrigin = 'console' | 'assume-root' | 'uncertain';

/** The account's root user (`type: Root`). */
export interface RootIdentity extends IdentityBase {
  /** Discriminant. */
  kind: 'root';
  /** How the session began; absent for long-term keys and when no session is involved. */
  origin?: RootSessionOrigin | undefined;
  /**
   * `true` when the record has the shape of AWS's member-account `AssumeRoot` example (an
   * `ASIA…` key and a `sessionContext` without a `sessionIssuer` key) or says `assumedRoot: "true"`.
   * The same shape may be a console session: `origin` is then `uncertain` unless another signal decides.
   */
  assumeRootPattern: boolean;
}

/** An IAM user (`type: IAMUser`): long-term keys, console sessions or `GetSessionToken` sessions. */
export interface IamUserIdentity extends IdentityBase {
  /** Discriminant. */
  kind: 'iam-user';
}

/** The web-identity (OIDC) or SAML provider a role session was federated through. */
export interface IdentityFederation {
  /** `saml` for `…:saml-provider/…` providers, otherwise `web-identity`. */
  protocol: 'saml' | 'web-identity';
  /** `webIdFederationData.federatedProvider` (or the console sign-in's `SamlProviderArn`). */
  provider: string;
}

/** A role session (`type: AssumedRole`, or the documented but unobserved `Role`). */
export interface AssumedRoleIdentity extends IdentityBase {
  /** Discriminant. */
  kind: 'assumed-role';
  /**
   * The role's ARN: `sessionIssuer.arn`, else derived from the assumed-role ARN
   * (`arn:<p>:sts::<acct>:assumed-role/<role>/<session>` → `arn:<p>:iam::<acct>:role/<role>`).
   * A derived ARN lacks the role's path, which the assumed-role ARN does not carry.
   */
  roleArn?: string | undefined;
  /** The role's name (last segment of the role ARN, or `sessionIssuer.userName`). */
  roleName?: string | undefined;
  /** The role's path (e.g. `/aws-reserved/sso.amazonaws.com/`), when the role ARN carries it. */
  rolePath?: string | undefined;
  /** The role session name (from the assumed-role ARN, else after `:` in the principalId). */
  sessionName?: string | undefined;
  /** `sessionContext.sessionIssuer`, when present and not empty. */
  sessionIssuer?: IdentitySessionIssuer | undefined;
  /** Present when the session came from `AssumeRoleWithWebIdentity` / `AssumeRoleWithSAML`. */
  federation?: IdentityFederation | undefined;
  /** `true` for IAM Identity Center permission-set roles (`AWSReservedSSO_<set>_<id>`). */
  identityCenter: boolean;
  /** The permission set's name, for Identity Center roles. */
  permissionSetName?: string | undefined;
}

/** A federated user (`type: FederatedUser`, credentials from `GetFederationToken`). */
export interface FederatedUserIdentity extends IdentityBase {
  /** Discriminant. */
  kind: 'federated-user';
  /** The federated user's name (from the ARN, else after `:` in the principalId). */
  federatedUserName?: string | undefined;
  /** The IAM user or root that called `GetFederationToken`. */
  sessionIssuer?: IdentitySessionIssuer | undefined;
}

/** The caller of `AssumeRoleWithSAML` (`type: SAMLUser`). */
export interface SamlUserIdentity extends IdentityBase {
  /** Discriminant. */
  kind: 'saml-user';
  /** `userIdentity.identityProvider` (the SAML name qualifier). */
  identityProvider?: string | undefined;
}

/** The caller of `AssumeRoleWithWebIdentity` (`type: WebIdentityUser`). */
export interface WebIdentityUserIdentity extends IdentityBase {
  /** Discriminant. */
  kind: 'web-identity-user';
  /** `userIdentity.identityProvider` (the issuer, e.g. `accounts.google.com`). */
  identityProvider?: string | undefined;
}

/** An IAM Identity Center user (`type: IdentityCenterUser`). */
export interface IdentityCenterUserIdentity extends IdentityBase {
  /** Discriminant. */
  kind: 'identity-center-user';
  /** `onBehalfOf.userId` (some producers write it at the top level). */
  userId?: string | undefined;
  /** `onBehalfOf.identityStoreArn` (or top-level `identityStoreArn`). */
  identityStoreArn?: string | undefined;
  /** `userIdentity.credentialId`: the bearer token's id. */
  credentialId?: string | undefined;
}

/** The resource owner's copy of a cross-account call (`type: AWSAccount`). */
export interface AwsAccountIdentity extends IdentityBase {
  /** Discriminant. */
  kind: 'aws-account';
  /** `true` when the caller is anonymous (`ANONYMOUS_PRINCIPAL`, e.g. public S3 access). */
  anonymous: boolean;
  /** The record's `recipientAccountId` (the resource owner), when a record was given. */
  recipientAccountId?: string | undefined;
  /** Whether `recipientAccountId` differs from `accountId`; absent unless both are known. */
  crossAccount?: boolean | undefined;
}

/** An AWS service (`type: AWSService`, or a service event with no `type` but `invokedBy`). */
export interface AwsServiceIdentity extends IdentityBase {
  /** Discriminant. */
  kind: 'aws-service';
  /** `true` for `eventType: AwsServiceEvent` records. */
  serviceEvent: boolean;
}

/** A directory user (`type: Directory`, WorkDocs, Amazon Quick). */
export interface DirectoryIdentity extends IdentityBase {
  /** Discriminant. */
  kind: 'directory';
}

/**
 * `type: Unknown`, any type this library does not know (kept verbatim in `type`), a
 * `userIdentity` without `type` that is not a service, or a value that is not an object.
 */
export interface UnknownIdentity extends IdentityBase {
  /** Discriminant. */
  kind: 'unknown';
}

/** No `userIdentity` at all (Insights records). */
export interface NoIdentity extends IdentityBase {
  /** Discriminant. */
  kind: 'none';
}

/**
 * Who made a request, with which credentials, and whether an AWS service made it for them.
 * A discriminated union on `kind`; narrow with `switch (identity.kind)`.
 */
export type Identity =
  | RootIdentity
  | IamUserIdentity
  | AssumedRoleIdentity
  | FederatedUserIdentity
  | SamlUserIdentity
  | WebIdentityUserIdentity
  | IdentityCenterUserIdentity
  | AwsAccountIdentity
  | AwsServiceIdentity
  | DirectoryIdentity
  | UnknownIdentity
  | NoIdentity;

/** The member of {@link Identity} whose `kind` is `K`. */
export type IdentityOf<K extends IdentityKind> = Extract<Identity, { kind: K }>;
