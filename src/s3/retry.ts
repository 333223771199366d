/**
 * Retrying S3 requests that failed for a passing reason (throttling, 5xx, a dropped connection)
 * with exponential backoff and full jitter.
 *
 * @module
 */
import { CloudTrailParseError } from '../errors.js';

/** How failed S3 requests are retried. */
export interface RetryOptions {
  /** Attempts in all, the first included (default 5; 1 disables retries). */
  attempts?: number | undefined;
  /** First backoff in milliseconds (default 100); doubled at each retry, with full jitter. */
  baseDelayMs?: number | undefined;
  /** Longest backoff in milliseconds (default 5000). */
  maxDelayMs?: number | undefined;
}

const RETRYABLE_NAMES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalError',
  'ServiceUnavailable',
  'TimeoutError',
]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

interface SdkErrorLike {
  name?: unknown;
  code?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** @internal True for a throttling, 5xx or connection error (worth another attempt). */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkErrorLike;
  if (e.name === 'AbortError') return false;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && (status === 429 || status >= 500)) return true;
  if (typeof e.name === 'string' && RETRYABLE_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && RETRYABLE_CODES.has(e.code)) return true;
  return e.$retryable !== undefined && e.$retryable !== null && e.$retryable !== false;
}

/** @internal True for S3's "no such object" (`NoSuchKey`, `NotFound`, status 404). */
export function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkErrorLike;
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

/** @internal The `ABORTED` error of `signal`. */
export const abortError = (signal: AbortSignal): CloudTrailParseError =>
  new CloudTrailParseError('ABORTED', 'reading was aborted', { cause: signal.reason });

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * @internal Runs `attempt` until it succeeds, retrying {@link isRetryable} errors with backoff;
 * an abort ends it with `ABORTED`. `onRetry` is told about each retry.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  options: RetryOptions | undefined,
  signal: AbortSignal | undefined,
  onRetry?: (error: unknown, attempt: number) => void,
): Promise<T> {
  const attempts = Math.max(1, options?.attempts ?? 5);
  const base = options?.baseDelayMs ?? 100;
  const max = options?.maxDelayMs ?? 5000;
  for (let n = 1; ; n++) {
    if (signal?.aborted) throw abortError(signal);
    try {
      return await attempt();
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      if (n >= attempts || !isRetryable(error)) throw error;
      onRetry?.(error, n);
      await sleep(Math.random() * Math.min(max, base * 2 ** (n - 1)), signal);
    }
  }
}
