/** See chromium.mjs. */
export const CHROMIUM_ARGS: string[];
export const chromiumPath: string;
