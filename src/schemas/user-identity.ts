import * as z from 'zod';
import type { Documented } from './documented.js';
import { flag, optionalString } from './primitives.js';

/** `userIdentity.sessionContext.sessionIssuer`: who issued the temporary credentials (may be `{}`). */
export const SessionIssuerSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    type: optionalString(),
    principalId: optionalString(),
    arn: optionalString(),
    accountId: optionalString(),
    userName: optionalString(),
  }))();

/** `sessionContext.webIdFederationData`: the web-identity or SAML provider of a federated role session. */
export const WebIdFederationDataSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    federatedProvider: optionalString(),
    attributes: z.record(z.string(), z.unknown()).nullish(),
  }))();

/** `sessionContext.attributes`: when the session began and whether MFA was used (string flags). */
export const SessionAttributesSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    creationDate: optionalString(),
    mfaAuthenticated: flag(),
  }))();

/** `userIdentity.sessionContext`: present only for temporary credentials. */
export const SessionContextSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    sessionIssuer: SessionIssuerSchema.nullish(),
    webIdFederationData: WebIdFederationDataSchema.nullish(),
    attributes: SessionAttributesSchema.nullish(),
    sourceIdentity: optionalString(),
    ec2RoleDelivery: optionalString(),
    assumedRoot: flag(),
    signInSessionArn: optionalString(),
    ec2IssuedInVPC: optionalString(),
  }))();

/** `userIdentity.onBehalfOf`: the IAM Identity Center user a request was made for. */
export const OnBehalfOfSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    userId: optionalString(),
    identityStoreArn: optionalString(),
  }))();

/** `userIdentity.inScopeOf`: the resource the credentials were scoped to (e.g. a Lambda function). */
export const InScopeOfSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    sourceArn: optionalString(),
    sourceAccount: optionalString(),
    issuerType: optionalString(),
    credentialsIssuedTo: optionalString(),
  }))();

/** `userIdentity.invokedByDelegate`: the product provider using temporary delegated access. */
export const InvokedByDelegateSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    accountId: optionalString(),
  }))();

/**
 * The `userIdentity` element of a record. Every member is optional (service events carry only
 * `accountId` and `invokedBy`; `type` may be absent); unknown keys are kept.
 *
 * @example
 * ```ts
 * import { UserIdentitySchema } from 'cloudtrail-chime';
 * const id = UserIdentitySchema.parse({ type: 'AWSService', invokedBy: 'chime.amazonaws.com' });
 * ```
 */
export const UserIdentitySchema = /* @__PURE__ */ (() =>
  z.looseObject({
    type: optionalString(),
    principalId: optionalString(),
    arn: optionalString(),
    accountId: optionalString(),
    accessKeyId: optionalString(),
    userName: optionalString(),
    sessionContext: SessionContextSchema.nullish(),
    invokedBy: optionalString(),
    invokedByDelegate: InvokedByDelegateSchema.nullish(),
    onBehalfOf: OnBehalfOfSchema.nullish(),
    inScopeOf: InScopeOfSchema.nullish(),
    credentialId: optionalString(),
    identityProvider: optionalString(),
  }))();

/** The `userIdentity` element of a CloudTrail record. */
export type UserIdentity = Documented<z.infer<typeof UserIdentitySchema>>;
/** `userIdentity.sessionContext`. */
export type SessionContext = Documented<z.infer<typeof SessionContextSchema>>;
/** `sessionContext.sessionIssuer`. */
export type SessionIssuer = Documented<z.infer<typeof SessionIssuerSchema>>;
