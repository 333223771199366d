/**
 * The lenient record schema as a static validation plan, so that the reader validates records
 * without zod in the bundle (zod classic costs ~25 KB gzip). `test/schemas/record-plan.test.ts`
 * asserts that this plan equals the one derived from `CloudTrailRecordSchema`, so the two
 * cannot drift apart.
 *
 * @internal
 * @module
 */
import type { Plan } from './quick-check.js';

/** s: string, f: flag (boolean or string), free: object or string, map: string-keyed record. */
type Spec = 's' | 'f' | 'free' | 'map' | { [key: string]: Spec } | ['array', Spec] | ['or-string', Spec];

const free = 'free' as const;
const identitySpec: Spec = {
  type: 's',
  principalId: 's',
  arn: 's',
  accountId: 's',
  accessKeyId: 's',
  userName: 's',
  sessionContext: {
    sessionIssuer: { type: 's', principalId: 's', arn: 's', accountId: 's', userName: 's' },
    webIdFederationData: { federatedProvider: 's', attributes: 'map' },
    attributes: { creationDate: 's', mfaAuthenticated: 'f' },
    sourceIdentity: 's',
    ec2RoleDelivery: 's',
    assumedRoot: 'f',
    signInSessionArn: 's',
    ec2IssuedInVPC: 's',
  },
  invokedBy: 's',
  invokedByDelegate: { accountId: 's' },
  onBehalfOf: { userId: 's', identityStoreArn: 's' },
  inScopeOf: { sourceArn: 's', sourceAccount: 's', issuerType: 's', credentialsIssuedTo: 's' },
  credentialId: 's',
  identityProvider: 's',
};

const recordSpec: Spec = {
  eventVersion: 's',
  userIdentity: identitySpec,
  eventTime: 's',
  eventSource: 's',
  eventName: 's',
  awsRegion: 's',
  sourceIPAddress: 's',
  userAgent: 's',
  errorCode: 's',
  errorMessage: 's',
  requestParameters: free,
  responseElements: free,
  additionalEventData: free,
  requestID: 's',
  eventID: 's',
  eventType: 's',
  apiVersion: 's',
  managementEvent: 'f',
  readOnly: 'f',
  resources: ['array', ['or-string', { ARN: 's', ARNPrefix: 's', accountId: 's', type: 's' }]],
  recipientAccountId: 's',
  serviceEventDetails: free,
  sharedEventID: 's',
  vpcEndpointId: 's',
  vpcEndpointAccountId: 's',
  eventCategory: 's',
  addendum: { reason: 's', updatedFields: 's', originalRequestID: 's', originalEventID: 's' },
  sessionCredentialFromConsole: 'f',
  edgeDeviceDetails: free,
  tlsDetails: { tlsVersion: 's', cipherSuite: 's', clientProvidedHostHeader: 's', keyExchange: 's' },
  eventContext: { requestContext: free, tagContext: free },
  insightDetails: {
    state: 's',
    eventSource: 's',
    eventName: 's',
    insightType: 's',
    errorCode: 's',
    insightContext: free,
  },
};

function toPlan(spec: Spec): Plan {
  if (spec === 's') return { k: 'string' };
  if (spec === 'f') return { k: 'flag' };
  if (spec === 'map') return { k: 'record' };
  if (spec === 'free') return { k: 'object-or-string', object: { k: 'any-object' } };
  if (Array.isArray(spec)) {
    return spec[0] === 'array'
      ? { k: 'array', of: toPlan(spec[1]) }
      : { k: 'object-or-string', object: toPlan(spec[1]) };
  }
  return { k: 'object', fields: Object.keys(spec).map((key) => [key, toPlan(spec[key] as Spec)]) };
}

let plan: Plan | undefined;

/** The validation plan of a lenient record. */
export function recordPlan(): Plan {
  return (plan ??= toPlan(recordSpec));
}
