import * as z from 'zod';
import { type Documented, undocumentedKeys } from './documented.js';
import { flag, freeObject, optionalString, topString } from './primitives.js';
import { UserIdentitySchema } from './user-identity.js';

/** One element of `resources`: upper-case `ARN`; S3 also writes `ARNPrefix`. */
export const ResourceSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    ARN: optionalString(),
    ARNPrefix: optionalString(),
    accountId: optionalString(),
    type: optionalString(),
  }))();

/** `tlsDetails` (1.08+). Any member may be missing or hold a placeholder; no patterns are enforced. */
export const TlsDetailsSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    tlsVersion: optionalString(),
    cipherSuite: optionalString(),
    clientProvidedHostHeader: optionalString(),
    keyExchange: optionalString(),
  }))();

/** `addendum` (1.08+): why a record was delivered late or updated. */
export const AddendumSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    reason: optionalString(),
    updatedFields: optionalString(),
    originalRequestID: optionalString(),
    originalEventID: optionalString(),
  }))();

/** `eventContext` (1.11, CloudTrail Lake enrichment only). */
export const EventContextSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    requestContext: freeObject(),
    tagContext: freeObject(),
  }))();

/** `insightDetails` of an Insights record (`eventType: "AwsCloudTrailInsight"`); kept lenient. */
export const InsightDetailsSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    state: optionalString(),
    eventSource: optionalString(),
    eventName: optionalString(),
    insightType: optionalString(),
    errorCode: optionalString(),
    insightContext: freeObject(),
  }))();

const recordShape = () => ({
  eventVersion: topString(),
  userIdentity: UserIdentitySchema.nullish(),
  eventTime: topString(),
  eventSource: topString(),
  eventName: topString(),
  awsRegion: topString(),
  sourceIPAddress: topString(),
  userAgent: topString(),
  errorCode: topString(),
  errorMessage: topString(),
  requestParameters: freeObject(),
  responseElements: freeObject(),
  additionalEventData: freeObject(),
  requestID: topString(),
  eventID: topString(),
  eventType: topString(),
  apiVersion: topString(),
  managementEvent: flag(),
  readOnly: flag(),
  resources: z.array(z.union([ResourceSchema, z.string()])).nullish(),
  recipientAccountId: topString(),
  serviceEventDetails: freeObject(),
  sharedEventID: topString(),
  vpcEndpointId: topString(),
  vpcEndpointAccountId: topString(),
  eventCategory: topString(),
  addendum: AddendumSchema.nullish(),
  sessionCredentialFromConsole: flag(),
  edgeDeviceDetails: freeObject(),
  tlsDetails: TlsDetailsSchema.nullish(),
  eventContext: EventContextSchema.nullish(),
  insightDetails: InsightDetailsSchema.nullish(),
});

/**
 * One CloudTrail event record: every documented field through eventVersion 1.11, lenient the way
 * real logs need: every field is optional (partial records,
 * Logstash exports without `eventTime`, Insights records without `userIdentity`), `null` is
 * accepted in place of objects (`requestParameters`, `responseElements`...), flags and nested
 * strings but not of a top-level string (no published record has one), flags may be booleans or
 * `"true"`/`"false"` strings, `requestParameters` & co. may be JSON text, `resources` may hold
 * plain strings, no patterns on ids, and unknown keys are kept. The reader's zod-free validator
 * is generated from this schema (`npm run codegen`).
 *
 * @example
 * ```ts
 * import { CloudTrailRecordSchema } from 'cloudtrail-chime';
 * const r = CloudTrailRecordSchema.parse({ eventVersion: '1.11', eventName: 'CreateMeeting', x: 1 });
 * r.x; // kept (unknown)
 * ```
 */
export const CloudTrailRecordSchema = /* @__PURE__ */ (() => z.looseObject(recordShape()))();

/**
 * One CloudTrail event record (see {@link CloudTrailRecordSchema}). Unknown keys are kept at run
 * time but are not part of the type, so a misspelt field does not compile; read them with
 * {@link extraFields}. An interface (not a type alias), so editors and the API docs name it.
 */
export interface CloudTrailRecord extends Documented<z.infer<typeof CloudTrailRecordSchema>> {}

/** `insightDetails` of an Insights record. */
export type InsightDetails = Documented<z.infer<typeof InsightDetailsSchema>>;

/** An Insights record (see {@link isInsightRecord}): `eventType` is `"AwsCloudTrailInsight"`, `insightDetails` present. */
export type InsightRecord = CloudTrailRecord & { eventType: 'AwsCloudTrailInsight'; insightDetails: InsightDetails };

/** A CloudTrail log file: `{"Records": [...]}` (log and Insights files alike). */
export const CloudTrailLogFileSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    Records: z.array(CloudTrailRecordSchema),
  }))();

/** A CloudTrail log file body. */
export type CloudTrailLogFile = { Records: CloudTrailRecord[] };

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/**
 * What {@link CloudTrailRecordStrictSchema} requires beyond the member types, checked once the
 * members are valid: an Insights record (`eventType`) has `insightDetails`; any other record has
 * `eventSource`, `eventName` and `userIdentity`. Read by the validator generator too.
 */
export const STRICT_PRESENCE = {
  insight: { eventType: 'AwsCloudTrailInsight', required: ['insightDetails'] },
  otherwise: ['eventSource', 'eventName', 'userIdentity'],
} as const;

/**
 * A strict reading of a record, for audits of a pipeline's output: the fields every genuine
 * record of its `eventType` has are required, values have their documented types (booleans
 * are booleans, string flags are `"true"`/`"false"`), `eventTime` is ISO-8601 UTC, and keys
 * that are not documented are reported. Each deviation is a zod issue with its exact path.
 * Never the default: real logs deviate (see {@link CloudTrailRecordSchema}).
 */
export const CloudTrailRecordStrictSchema = /* @__PURE__ */ (() =>
  z
    .looseObject({
      ...recordShape(),
      eventVersion: z.string().regex(/^\d+\.\d+$/),
      eventTime: z.string().regex(isoTime),
      awsRegion: z.string(),
      eventID: z.string(),
      eventType: z.string(),
      managementEvent: z.boolean().optional(),
      readOnly: z.boolean().optional(),
      sessionCredentialFromConsole: z.enum(['true', 'false']).optional(),
    })
    .superRefine((r, ctx) => {
      for (const path of undocumentedKeys(CloudTrailRecordSchema, r)) {
        ctx.addIssue({ code: 'custom', path, message: `undocumented key ${JSON.stringify(path[path.length - 1])}` });
      }
      const own = (key: string) => (Object.hasOwn(r, key) ? r[key] : undefined);
      const { insight, otherwise } = STRICT_PRESENCE;
      const required = own('eventType') === insight.eventType ? insight.required : otherwise;
      for (const key of required) {
        if (own(key) == null) ctx.addIssue({ code: 'custom', path: [key], message: `missing ${key}` });
      }
    }))();
