import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CloudTrailRecord, IdentityKind, UserIdentity } from '../../src/index.js';
import { classifyIdentity, describeIdentity, identityKinds } from '../../src/index.js';
import { corporaDir, hasCorpora } from '../helpers/corpora.js';

const corpora = corporaDir;
const manifestPath = join(corpora, 'manifest.json');
const present = hasCorpora;

const KNOWN_TYPES = new Set([
  'Root',
  'IAMUser',
  'AssumedRole',
  'Role',
  'FederatedUser',
  'SAMLUser',
  'WebIdentityUser',
  'IdentityCenterUser',
  'AWSAccount',
  'AWSService',
  'Directory',
]);

// Counts over every record of every log and Insights file (digests hold no records).
// Cross-checked against corpora/README.md (userIdentity.type per source): the 5 untyped records
// with `invokedBy` are service events; the 2 untyped panther records are `userIdentity: {}`.
const EXPECTED: Record<IdentityKind, number> = {
  root: 45,
  'iam-user': 469,
  'assumed-role': 386,
  'federated-user': 3,
  'saml-user': 0,
  'web-identity-user': 0,
  'identity-center-user': 1,
  'aws-account': 5,
  'aws-service': 11,
  directory: 0,
  unknown: 6,
  none: 29,
};

describe.skipIf(!present)('identity over the shared corpora', () => {
  it('classifies every record without throwing', () => {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      totals: { records: number };
      files: { path: string; kind: string; records: number }[];
    };
    const counts = Object.fromEntries(identityKinds.map((k) => [k, 0])) as Record<IdentityKind, number>;
    const credentialCounts: Record<string, number> = {};
    const knownButUnknown: string[] = [];
    let total = 0;
    for (const file of manifest.files) {
      if (file.kind === 'digest') continue;
      const body = JSON.parse(gunzipSync(readFileSync(join(corpora, file.path))).toString('utf8')) as {
        Records: Record<string, unknown>[];
      };
      expect(body.Records).toHaveLength(file.records);
      for (const record of body.Records) {
        const ui = record.userIdentity as UserIdentity | undefined;
        const id = classifyIdentity(ui, record as CloudTrailRecord);
        expect(describeIdentity(id)).not.toBe('');
        counts[id.kind]++;
        const ck = `${id.kind}/${id.credentials.kind}`;
        credentialCounts[ck] = (credentialCounts[ck] ?? 0) + 1;
        total++;
        const type = (ui as { type?: unknown } | undefined)?.type;
        if (typeof type === 'string' && KNOWN_TYPES.has(type) && id.kind === 'unknown') {
          knownButUnknown.push(`${file.path}: ${type}`);
        }
      }
    }
    console.log('[identity corpora] records per kind:', JSON.stringify(counts));
    console.log('[identity corpora] kind/credentials:', JSON.stringify(credentialCounts));
    expect(total).toBe(manifest.totals.records);
    expect(knownButUnknown).toEqual([]);
    expect(counts).toStrictEqual(EXPECTED);
  });
});
