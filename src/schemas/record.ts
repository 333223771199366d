import * as z from 'zod';
import { flag, freeObject, optionalString } from './primitives.js';
import { undocumentedKeys } from './quick-check.js';
import { recordPlan } from './record-plan.js';
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
  eventVersion: optionalString(),
  userIdentity: UserIdentitySchema.nullish(),
  eventTime: optionalString(),
  eventSource: optionalString(),
  eventName: optionalString(),
  awsRegion: optionalString(),
  sourceIPAddress: optionalString(),
  userAgent: optionalString(),
  errorCode: optionalString(),
  errorMessage: optionalString(),
  requestParameters: freeObject(),
  responseElements: freeObject(),
  additionalEventData: freeObject(),
  requestID: optionalString(),
  eventID: optionalString(),
  eventType: optionalString(),
  apiVersion: optionalString(),
  managementEvent: flag(),
  readOnly: flag(),
  resources: z.array(z.union([ResourceSchema, z.string()])).nullish(),
  recipientAccountId: optionalString(),
  serviceEventDetails: freeObject(),
  sharedEventID: optionalString(),
  vpcEndpointId: optionalString(),
  vpcEndpointAccountId: optionalString(),
  eventCategory: optionalString(),
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
 * accepted in place of any value, flags may be booleans or `"true"`/`"false"` strings, no
 * patterns on ids, and unknown keys are kept.
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
 * One CloudTrail event record (see {@link CloudTrailRecordSchema}). An interface (not a type
 * alias) so that editors and the API docs name it instead of spelling out every field.
 */
export interface CloudTrailRecord extends z.infer<typeof CloudTrailRecordSchema> {}

/** A CloudTrail log file: `{"Records": [...]}` (log and Insights files alike). */
export const CloudTrailLogFileSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    Records: z.array(CloudTrailRecordSchema),
  }))();

/** A CloudTrail log file body. */
export type CloudTrailLogFile = z.infer<typeof CloudTrailLogFileSchema>;

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

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
      for (const path of undocumentedKeys(recordPlan(), r)) {
        ctx.addIssue({ code: 'custom', path, message: `undocumented key ${JSON.stringify(path[path.length - 1])}` });
      }
      if (r.eventType === 'AwsCloudTrailInsight') {
        if (r.insightDetails == null)
          ctx.addIssue({ code: 'custom', path: ['insightDetails'], message: 'Insights record without insightDetails' });
        return;
      }
      for (const key of ['eventSource', 'eventName', 'userIdentity'] as const) {
        if (r[key] == null) ctx.addIssue({ code: 'custom', path: [key], message: `missing ${key}` });
      }
    }))();
