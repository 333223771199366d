/**
 * Caller identity: who made a request, with which credentials, and through which service.
 *
 * @module
 */

export { classifyIdentity } from './classify.js';
export type { AccessKeyFamily } from './credentials.js';
export { accessKeyFamily } from './credentials.js';
export { type DescribeIdentityOptions, describeIdentity } from './describe.js';
export { identityKey } from './key.js';
export type {
  AssumedRoleIdentity,
  AwsAccountIdentity,
  AwsServiceIdentity,
  CredentialKind,
  DirectoryIdentity,
  FederatedUserIdentity,
  IamUserIdentity,
  Identity,
  IdentityBase,
  IdentityCenterUserIdentity,
  IdentityCredentials,
  IdentityFederation,
  IdentityKind,
  IdentityOf,
  IdentityScope,
  IdentitySessionIssuer,
  NoIdentity,
  RootIdentity,
  RootSessionOrigin,
  SamlUserIdentity,
  UnknownIdentity,
  WebIdentityUserIdentity,
} from './types.js';
export { identityKinds } from './types.js';
