export type { CloudTrailDigestFile, DigestLogFile } from './digest.js';
export { CloudTrailDigestFileSchema, DigestLogFileSchema } from './digest.js';
export type { Documented } from './documented.js';
export { extraFields } from './extra-fields.js';
export { isInsightRecord } from './insight-record.js';
export type { ParseRecordOptions, SafeParseRecordResult } from './parse.js';
export { parseRecord, safeParseRecord } from './parse.js';
export type { CloudTrailLogFile, CloudTrailRecord, InsightDetails, InsightRecord } from './record.js';
export {
  AddendumSchema,
  CloudTrailLogFileSchema,
  CloudTrailRecordSchema,
  CloudTrailRecordStrictSchema,
  EventContextSchema,
  InsightDetailsSchema,
  ResourceSchema,
  TlsDetailsSchema,
} from './record.js';
export type { SessionContext, SessionIssuer, UserIdentity } from './user-identity.js';
export {
  InScopeOfSchema,
  InvokedByDelegateSchema,
  OnBehalfOfSchema,
  SessionAttributesSchema,
  SessionContextSchema,
  SessionIssuerSchema,
  UserIdentitySchema,
  WebIdFederationDataSchema,
} from './user-identity.js';
