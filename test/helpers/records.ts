import { gzipSync } from 'node:zlib';

/** Synthetic records with the characters that trip scanners: braces, quotes, escapes, multibyte UTF-8. */
export function sampleRecords(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    eventVersion: '1.11',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEUSER00001',
      arn: 'arn:aws:iam::123456789012:user/alice',
      accountId: '123456789012',
      accessKeyId: 'AKIAEXAMPLEUSER00001',
      userName: 'alice',
    },
    eventTime: '2026-11-20T10:00:00Z',
    eventSource: 'chime.amazonaws.com',
    eventName: i % 2 ? 'CreateMeeting' : 'CreateAttendee',
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.10',
    userAgent: `agent {"}[]\\ é ☃ 😀 ${i}`,
    requestParameters: { externalMeetingId: `m-${i}\\`, nested: { a: [1, { b: '}' }], c: null } },
    responseElements: null,
    requestID: `req-${i}`,
    eventID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '123456789012',
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', keyExchange: 'X25519MLKEM768' },
  }));
}

export const logFileText = (records: unknown[]) => JSON.stringify({ Records: records });
export const gz = (text: string | Uint8Array) => new Uint8Array(gzipSync(text));

/** Splits bytes into chunks of the given sizes (cycled). */
export function chunk(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const size = Math.max(1, sizes[k++ % sizes.length] as number);
    out.push(bytes.slice(at, at + size));
    at += size;
  }
  return out;
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
