/**
 * The inflater each runtime gets: Node's zlib where the runtime has it (Node, Bun, Deno), found
 * at run time through `process.getBuiltinModule` (no `node:` import, so browser bundles hold no
 * zlib and stay the same size), else fflate's pure-JavaScript inflater (browsers, workers).
 *
 * @internal
 * @module
 */
import { fflateInflater, type InflaterFactory, type ZlibLike, zlibInflater, zlibStreamInflater } from './inflater.js';

interface Inflaters {
  /** for streamed bodies (native: asynchronous, on the thread pool) */
  stream: InflaterFactory;
  /** for a whole body in memory (native: one synchronous call per member) */
  whole: InflaterFactory;
}

const pureJs: Inflaters = { stream: fflateInflater, whole: fflateInflater };
let chosen: Inflaters | undefined;

function inflatersOf(zlib: ZlibLike | undefined): Inflaters {
  if (zlib === undefined || typeof zlib.inflateRawSync !== 'function' || typeof zlib.createInflateRaw !== 'function') {
    return pureJs;
  }
  return { stream: zlibStreamInflater(zlib as Parameters<typeof zlibStreamInflater>[0]), whole: zlibInflater(zlib) };
}

function runtimeZlib(): ZlibLike | undefined {
  try {
    const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    return (p?.getBuiltinModule?.('node:zlib') as ZlibLike | undefined) ?? undefined;
  } catch {
    return undefined;
  }
}

/** @internal The inflaters of this runtime (chosen once). */
export function inflaters(): Inflaters {
  return (chosen ??= inflatersOf(runtimeZlib()));
}

/**
 * @internal For tests: `null` forces the pure-JavaScript inflater, a zlib module forces that one,
 * `undefined` goes back to the runtime's choice.
 */
export function useZlib(zlib: ZlibLike | null | undefined): void {
  chosen = zlib === undefined ? undefined : zlib === null ? pureJs : inflatersOf(zlib);
}
