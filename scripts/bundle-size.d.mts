/** See bundle-size.mjs. */
export function bundleSize(input: {
  root: string;
  path: string;
  what: string;
  external?: string[];
}): Promise<{ min: number; gzip: number }>;
