export type { FromCloudWatchLogsOptions } from './cloudwatch-logs.js';
export { fromCloudWatchLogs } from './cloudwatch-logs.js';
export type { CloudTrailDetailType } from './event-bridge.js';
export { CLOUDTRAIL_DETAIL_TYPES, fromEventBridge } from './event-bridge.js';
export { fromLookupEvents } from './lookup-events.js';
