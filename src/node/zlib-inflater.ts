/**
 * Node's native inflater (zlib) for the whole files `readLogFiles` loads: the gzip module's
 * {@link zlibInflater} over the statically imported `node:zlib` (Node only; it lives in `./node`).
 *
 * @internal
 * @module
 */
import * as zlib from 'node:zlib';
import { zlibInflater as zlibInflaterOf } from '../gzip/inflater.js';

/** @internal zlib's inflater: takes a whole member at once; CRC-32 natively. */
export const zlibInflater = zlibInflaterOf(zlib);
