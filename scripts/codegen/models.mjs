// Turns the pinned AWS API models into one intermediate form per namespace:
// { operations: [{ name, method, input, output }], structs: Map, enums: Map }.
// Type refs: { k: 'string'|'number'|'boolean'|'timestamp'|'blob'|'document' }, { k: 'enum'|'struct', name },
// { k: 'list'|'map', of }, each with an optional `sensitive: true`; timestamps whose wire format is epoch
// seconds carry `epoch: true`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { coreTypeName, readDtsInterfaces, readEnums } from './dts.mjs';

const require = createRequire(import.meta.url);

/** The six namespaces: key, v3 package, model source of record. */
export const NAMESPACES = [
  { key: 'chime', module: 'chime', pkg: '@aws-sdk/client-chime', apiVersion: '2018-05-01' },
  { key: 'identity', module: 'identity', pkg: '@aws-sdk/client-chime-sdk-identity', apiVersion: '2021-04-20' },
  {
    key: 'media-pipelines',
    module: 'mediaPipelines',
    pkg: '@aws-sdk/client-chime-sdk-media-pipelines',
    apiVersion: '2021-07-15',
  },
  { key: 'meetings', module: 'meetings', pkg: '@aws-sdk/client-chime-sdk-meetings', apiVersion: '2021-07-15' },
  { key: 'messaging', module: 'messaging', pkg: '@aws-sdk/client-chime-sdk-messaging', apiVersion: '2021-05-15' },
  { key: 'voice', module: 'voice', pkg: '@aws-sdk/client-chime-sdk-voice', apiVersion: '2022-08-03' },
];

/** Source of the legacy `chime` operations: aws-sdk v2's JSON model, named through the last v3 client that had them. */
export const LEGACY = {
  v2Model: 'aws-sdk/apis/chime-2018-05-01.min.json',
  v2Pkg: 'aws-sdk',
  namesPkg: '@aws-sdk/client-chime-legacy',
};

export function packageVersion(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
}

function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}

const EPOCH_CODES = new Set([4, 7]);

const METHOD_CODES = { GET: 'G', POST: 'P', PUT: 'U', DELETE: 'D', PATCH: 'A' };

/** Current operations of one namespace, from the v3 package's static schemas. */
export function loadV3(ns) {
  const pkg = require(ns.pkg);
  const { NormalizedSchema } = createRequire(require.resolve(ns.pkg))('@smithy/core/schema');
  const dts = readDtsInterfaces(packageDir(ns.pkg));
  const enums = readEnums(pkg);
  const structs = new Map();
  const usedEnums = new Map();

  const typeOf = (schema, hint) => {
    const traits = schema.getMergedTraits();
    const sensitive = traits.sensitive ? { sensitive: true } : {};
    if (schema.isStructSchema() || schema.isUnionSchema?.()) {
      const name = schema.getName();
      visit(schema, name);
      return { k: 'struct', name, ...sensitive };
    }
    if (schema.isListSchema()) return { k: 'list', of: typeOf(schema.getValueSchema(), hint), ...sensitive };
    if (schema.isMapSchema()) return { k: 'map', of: typeOf(schema.getValueSchema(), hint), ...sensitive };
    // Smithy timestamp schema codes: 4 protocol default (epoch seconds in restJson1 bodies), 5 date-time,
    // 6 http-date, 7 epoch-seconds.
    if (schema.isTimestampSchema())
      return { k: 'timestamp', ...(EPOCH_CODES.has(schema.getSchema()) ? { epoch: true } : {}), ...sensitive };
    if (schema.isBooleanSchema()) return { k: 'boolean', ...sensitive };
    if (schema.isNumericSchema() || schema.isBigIntegerSchema() || schema.isBigDecimalSchema())
      return { k: 'number', ...sensitive };
    if (schema.isBlobSchema()) return { k: 'blob', ...sensitive };
    if (schema.isDocumentSchema()) return { k: 'document', ...sensitive };
    if (schema.isStringSchema()) {
      if (hint && enums.has(hint)) {
        usedEnums.set(hint, enums.get(hint));
        return { k: 'enum', name: hint, ...sensitive };
      }
      return { k: 'string', ...sensitive };
    }
    throw new Error(`${ns.key}: unsupported schema ${schema.getName()}`);
  };

  const visit = (schema, name) => {
    if (structs.has(name)) return;
    const struct = { members: [] };
    structs.set(name, struct);
    const dtsMembers = dts.get(name);
    for (const [memberName, member] of schema.structIterator()) {
      const traits = member.getMergedTraits();
      if (traits.httpResponseCode) continue;
      const location = traits.httpLabel
        ? 'uri'
        : traits.httpQuery || traits.httpQueryParams
          ? 'querystring'
          : traits.httpHeader
            ? 'header'
            : undefined;
      struct.members.push({
        name: memberName,
        location,
        type: bound(location, typeOf(member, coreTypeName(dtsMembers?.get(memberName)))),
      });
    }
  };

  const operations = [];
  for (const [exportName, value] of Object.entries(pkg)) {
    if (!exportName.endsWith('$') || !Array.isArray(value) || value[0] !== 9) continue;
    const [, , name, traits, input, output] = value;
    const method = traits?.http?.[0] ?? 'POST';
    const shape = (ref) => {
      const schema = NormalizedSchema.of(ref);
      if (schema.isUnitSchema()) return undefined;
      const shapeName = schema.getName();
      visit(schema, shapeName);
      return shapeName;
    };
    operations.push({ name, method: METHOD_CODES[method], input: shape(input), output: shape(output) });
  }
  operations.sort((a, b) => cmp(a.name, b.name));
  return { operations, structs, enums: usedEnums };
}

/** The legacy `chime` operations: in the v2 model, not among `currentNames`. */
export function loadLegacy(currentNames) {
  const model = require(LEGACY.v2Model);
  const namesDir = packageDir(LEGACY.namesPkg);
  const dts = readDtsInterfaces(namesDir);
  const enums = readEnums(require(LEGACY.namesPkg));
  const structs = new Map();
  const usedEnums = new Map();
  const resolve = (def) => (def.shape ? { ...model.shapes[def.shape], ...stripRef(def) } : def);

  const typeOf = (def, hint, fallbackName) => {
    const target = resolve(def);
    const sensitive = def.sensitive || target.sensitive ? { sensitive: true } : {};
    switch (target.type ?? 'string') {
      case 'structure': {
        const name = hint && dts.has(hint) ? hint : fallbackName;
        visit(target, name);
        return { k: 'struct', name, ...sensitive };
      }
      case 'list':
        return { k: 'list', of: typeOf(target.member, hint, fallbackName), ...sensitive };
      case 'map':
        return { k: 'map', of: typeOf(target.value, hint, fallbackName), ...sensitive };
      case 'timestamp':
        // rest-json bodies default to unixTimestamp (epoch seconds) unless the model says iso8601
        return { k: 'timestamp', ...(target.timestampFormat === 'iso8601' ? {} : { epoch: true }), ...sensitive };
      case 'boolean':
        return { k: 'boolean', ...sensitive };
      case 'integer':
      case 'long':
      case 'double':
      case 'float':
        return { k: 'number', ...sensitive };
      case 'blob':
        return { k: 'blob', ...sensitive };
      case 'string':
        if (hint && enums.has(hint)) {
          usedEnums.set(hint, enums.get(hint));
          return { k: 'enum', name: hint, ...sensitive };
        }
        return { k: 'string', ...sensitive };
      default:
        throw new Error(`legacy: unsupported type ${target.type}`);
    }
  };

  const visit = (def, name) => {
    if (structs.has(name)) return;
    const struct = { members: [] };
    structs.set(name, struct);
    const dtsMembers = dts.get(name);
    for (const [memberName, memberDef] of Object.entries(def.members ?? {})) {
      struct.members.push({
        name: memberName,
        location: memberDef.location,
        type: bound(
          memberDef.location,
          typeOf(memberDef, coreTypeName(dtsMembers?.get(memberName)), `${name}${memberName}`),
        ),
      });
    }
  };

  const operations = [];
  for (const [name, op] of Object.entries(model.operations)) {
    if (currentNames.has(name)) continue;
    const shape = (def, suffix) => {
      if (!def) return undefined;
      const target = resolve(def);
      const shapeName = `${name}${suffix}`;
      visit(target, shapeName);
      return shapeName;
    };
    operations.push({
      name,
      method: METHOD_CODES[op.http?.method ?? 'POST'].toLowerCase(),
      input: shape(op.input, 'Request'),
      output: shape(op.output, 'Response'),
    });
  }
  operations.sort((a, b) => cmp(a.name, b.name));
  return { operations, structs, enums: usedEnums };
}

/** Timestamps bound to the URI, query string or a header are not epoch seconds on the wire. */
function bound(location, type) {
  if (!location || type.k !== 'timestamp' || !type.epoch) return type;
  const { epoch: _epoch, ...rest } = type;
  return rest;
}

function stripRef(def) {
  const { shape: _shape, ...rest } = def;
  return rest;
}

export function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { join, packageDir };
