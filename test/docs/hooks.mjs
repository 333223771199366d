// Module resolution hook of the docs sample runner: `cloudtrail-chime`, `cloudtrail-chime/chime`
// and `cloudtrail-chime/node` resolve to the built package (dist/, ESM), as for a user.
const dist = new URL('../../dist/', import.meta.url);
const entries = {
  'cloudtrail-chime': 'index.js',
  'cloudtrail-chime/chime': 'chime.js',
  'cloudtrail-chime/node': 'node.js',
};

export async function resolve(specifier, context, next) {
  const file = entries[specifier];
  if (file !== undefined) return { url: new URL(file, dist).href, shortCircuit: true };
  return next(specifier, context);
}
