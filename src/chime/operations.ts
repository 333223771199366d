import type { ChimeEventName } from './events.js';
import { chimeEventNames, packedChimeOperations } from './generated/operations.js';
import type { ChimeNamespace } from './types.js';

/** One Chime operation (or model-less event) in one namespace. */
export interface ChimeOperation {
  /** The eventName. */
  readonly name: ChimeEventName;
  /** The API namespace. */
  readonly namespace: ChimeNamespace;
  /**
   * `current`: in the pinned current model; `legacy`: removed from the `chime` model but still in
   * older logs; `unmodeled`: logged by CloudTrail but in no API model (console and service events).
   */
  readonly kind: 'current' | 'legacy' | 'unmodeled';
  /** The HTTP method from the model (`undefined` for `unmodeled` events). */
  readonly httpMethod: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | undefined;
  /** Read-only guess: HTTP `GET`, or a `Get` / `List` / `Describe` / `Search` name. */
  readonly readOnly: boolean;
}

const METHODS = { G: 'GET', P: 'POST', U: 'PUT', D: 'DELETE', A: 'PATCH' } as const;

function unpack(): readonly ChimeOperation[] {
  const result: ChimeOperation[] = [];
  for (const namespace of Object.keys(packedChimeOperations) as ChimeNamespace[]) {
    const packed = packedChimeOperations[namespace];
    for (let i = 0; i < packed.length; i += 3) {
      const name = chimeEventNames[Number.parseInt(packed.slice(i, i + 2), 36)]!;
      const code = packed[i + 2]!;
      const httpMethod = METHODS[code.toUpperCase() as keyof typeof METHODS];
      result.push(
        Object.freeze({
          name,
          namespace,
          kind: code === 'X' ? 'unmodeled' : code === code.toLowerCase() ? 'legacy' : 'current',
          httpMethod,
          readOnly: httpMethod === 'GET' || /^(?:Get|List|Describe|Search)[A-Z]/.test(name),
        }),
      );
    }
  }
  return Object.freeze(result);
}

/**
 * Every Chime operation, one entry per (namespace, eventName): 286 current, 129 legacy and the
 * events no model lists. Sorted by namespace, then name.
 *
 * @example
 * ```ts
 * import { chimeOperations } from 'cloudtrail-chime/chime';
 * const legacy = chimeOperations.filter((op) => op.kind === 'legacy').length; // 129
 * ```
 */
export const chimeOperations: readonly ChimeOperation[] = /* @__PURE__ */ unpack();

let byName: Map<string, readonly ChimeOperation[]> | undefined;

/**
 * Every namespace's entry for an eventName (several for colliding names such as `CreateMeeting`;
 * empty for unknown names). Current operations come before legacy ones.
 *
 * @example
 * ```ts
 * import { chimeOperationsNamed } from 'cloudtrail-chime/chime';
 * chimeOperationsNamed('CreateMeeting').map((op) => op.namespace); // ['meetings', 'chime']
 * ```
 */
export function chimeOperationsNamed(name: string): readonly ChimeOperation[] {
  if (!byName) {
    const map = new Map<string, ChimeOperation[]>();
    for (const op of chimeOperations) {
      const list = map.get(op.name) ?? [];
      list.push(op);
      map.set(op.name, list);
    }
    for (const list of map.values()) list.sort((a, b) => rank(a) - rank(b));
    byName = map;
  }
  return byName.get(name) ?? [];
}

function rank(op: ChimeOperation): number {
  return op.kind === 'current' ? 0 : op.kind === 'unmodeled' ? 1 : 2;
}

/**
 * The entry of an eventName in a namespace, or (without `namespace`) its first entry, preferring a
 * current operation over a legacy one. `undefined` for unknown names.
 *
 * @example
 * ```ts
 * import { chimeOperation } from 'cloudtrail-chime/chime';
 * chimeOperation('ListMeetings'); // { namespace: 'chime', kind: 'legacy', httpMethod: 'GET', readOnly: true, ... }
 * ```
 */
export function chimeOperation(name: string, namespace?: ChimeNamespace): ChimeOperation | undefined {
  const ops = chimeOperationsNamed(name);
  return namespace ? ops.find((op) => op.namespace === namespace) : ops[0];
}

/**
 * Whether `name` is a known Chime eventName.
 *
 * @example
 * ```ts
 * import { isChimeEventName } from 'cloudtrail-chime/chime';
 * isChimeEventName('CreateMeeting'); // true
 * ```
 */
export function isChimeEventName(name: unknown): name is ChimeEventName {
  names ??= new Set(chimeEventNames);
  return typeof name === 'string' && names.has(name);
}

let names: ReadonlySet<string> | undefined;
