// Reads the member types of the interfaces in a client package's `dist-types/models/*.d.ts`,
// to link members to enums and to recover shape names (the static schemas do neither).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {string} pkgDir package directory
 * @returns {Map<string, Map<string, string>>} interface name -> member name -> type text
 */
export function readDtsInterfaces(pkgDir) {
  const dir = join(pkgDir, 'dist-types', 'models');
  const result = new Map();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.d.ts')) continue;
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    let current;
    for (const line of lines) {
      const start = /^export interface (\w+) \{/.exec(line);
      if (start) {
        current = new Map();
        result.set(start[1], current);
        continue;
      }
      if (current && line === '}') {
        current = undefined;
        continue;
      }
      const member = current && /^ {4}(\w+)\??: (.+);$/.exec(line);
      if (member) current.set(member[1], member[2]);
    }
  }
  return result;
}

/**
 * Reduces a member's type text to its element: `Foo[] | undefined` -> `Foo`.
 * @param {string | undefined} text
 * @returns {string | undefined}
 */
export function coreTypeName(text) {
  if (!text) return undefined;
  let t = text.replace(/ \| undefined$/, '').trim();
  for (;;) {
    const list = /^(.+)\[\]$/.exec(t);
    if (list) {
      t = list[1].replace(/^\((.+)\)$/, '$1');
      continue;
    }
    const rec = /^(?:Partial<)?Record<[^,]+, (.+?)>>?$/.exec(t);
    if (rec) {
      t = rec[1];
      continue;
    }
    break;
  }
  return /^\w+$/.test(t) ? t : undefined;
}

/**
 * Enum objects exported by a client package (`{ KEY: "value" }` with string values only).
 * @param {Record<string, unknown>} pkg the required package
 * @returns {Map<string, string[]>}
 */
export function readEnums(pkg) {
  const enums = new Map();
  for (const [name, value] of Object.entries(pkg)) {
    if (name.endsWith('$') || !value || typeof value !== 'object' || Array.isArray(value)) continue;
    const values = Object.values(value);
    if (values.length > 0 && values.every((v) => typeof v === 'string')) enums.set(name, [...new Set(values)].sort());
  }
  return enums;
}
