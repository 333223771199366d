import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ChimeNamespace,
  chimeEventNames,
  chimeOperation,
  chimeOperations,
  chimeOperationsNamed,
  isChimeEventName,
} from '../../src/chime/index.js';

const root = join(import.meta.dirname, '../..');
const tsvPath = join(root, '../shared/spec/chime-operations.tsv');
const TSV_NAMESPACES: Record<string, ChimeNamespace> = {
  chime: 'chime',
  'chime-sdk-identity': 'identity',
  'chime-sdk-media-pipelines': 'media-pipelines',
  'chime-sdk-meetings': 'meetings',
  'chime-sdk-messaging': 'messaging',
  'chime-sdk-voice': 'voice',
};

const count = (filter: (op: (typeof chimeOperations)[number]) => boolean) => chimeOperations.filter(filter).length;

describe('Chime operation table', () => {
  it('has the catalog counts per namespace (chime-catalog.md §2, §6)', () => {
    const current = (ns: ChimeNamespace) => count((op) => op.namespace === ns && op.kind === 'current');
    expect(current('chime')).toBe(62);
    expect(current('identity')).toBe(30);
    expect(current('media-pipelines')).toBe(31);
    expect(current('meetings')).toBe(16);
    expect(current('messaging')).toBe(51);
    expect(current('voice')).toBe(96);
    expect(count((op) => op.kind === 'current')).toBe(286);
    expect(count((op) => op.kind === 'legacy')).toBe(129);
    expect(count((op) => op.kind === 'legacy' && op.namespace !== 'chime')).toBe(0);
    expect(
      chimeOperations
        .filter((op) => op.kind === 'unmodeled')
        .map((op) => `${op.namespace}:${op.name}`)
        .sort(),
    ).toEqual(['chime:AddDomain', 'identity:ExpireAppInstanceUser', 'messaging:ExpireChannel']);
    expect(chimeOperations).toHaveLength(418);
  });

  it('has 262 modelled eventNames plus the 3 unmodeled ones, sorted and unique', () => {
    expect(chimeEventNames).toHaveLength(265);
    expect(new Set(chimeEventNames).size).toBe(265);
    expect([...chimeEventNames].sort()).toEqual(chimeEventNames);
    expect(Object.isFrozen(chimeEventNames)).toBe(true);
    const current = new Set(chimeOperations.filter((op) => op.kind === 'current').map((op) => op.name));
    expect(current.size).toBe(252);
  });

  it('has the 25 current collisions and 141 with legacy operations', () => {
    const namesWith = (kinds: string[]) => {
      const seen = new Map<string, number>();
      for (const op of chimeOperations) if (kinds.includes(op.kind)) seen.set(op.name, (seen.get(op.name) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).length;
    };
    expect(namesWith(['current'])).toBe(25);
    expect(namesWith(['current', 'legacy'])).toBe(141);
    expect(chimeOperationsNamed('TagResource').map((op) => op.namespace)).toEqual([
      'identity',
      'media-pipelines',
      'meetings',
      'messaging',
      'voice',
      'chime',
    ]);
  });

  it('looks operations up', () => {
    expect(chimeOperation('CreateMeeting')).toMatchObject({
      namespace: 'meetings',
      kind: 'current',
      httpMethod: 'POST',
    });
    expect(chimeOperation('CreateMeeting', 'chime')).toMatchObject({ kind: 'legacy', readOnly: false });
    expect(chimeOperation('ListMeetings')).toMatchObject({ namespace: 'chime', kind: 'legacy', readOnly: true });
    expect(chimeOperation('GetVoiceConnector', 'voice')).toMatchObject({ httpMethod: 'GET', readOnly: true });
    expect(chimeOperation('AddDomain')).toMatchObject({ kind: 'unmodeled', httpMethod: undefined });
    expect(chimeOperation('NoSuchOperation')).toBeUndefined();
    expect(isChimeEventName('ExpireChannel')).toBe(true);
    expect(isChimeEventName('ListDomains')).toBe(false);
    expect(isChimeEventName(42)).toBe(false);
  });

  it.skipIf(!existsSync(tsvPath))(
    'covers every row of chime-operations.tsv (skipped when ../shared/spec is absent)',
    () => {
      const rows = readFileSync(tsvPath, 'utf8').trim().split('\n').slice(1);
      expect(rows).toHaveLength(415);
      const names = new Set<string>(chimeEventNames);
      for (const row of rows) {
        const [tsvNamespace, , operation] = row.split('\t');
        expect(names.has(operation!), operation).toBe(true);
        expect(chimeOperation(operation!, TSV_NAMESPACES[tsvNamespace!]), `${tsvNamespace} ${operation}`).toBeDefined();
      }
    },
  );
});
