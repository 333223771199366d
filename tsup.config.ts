import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // library entry points: ESM + CJS, each with its own declarations
    entry: {
      index: 'src/index.ts',
      chime: 'src/chime/index.ts',
      node: 'src/node/index.ts',
      s3: 'src/s3/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    treeshake: true,
    splitting: true,
    external: ['zod', 'fflate', '@aws-sdk/client-s3'],
  },
  {
    // worker script of cloudtrail-chime/node (loaded by path at run time)
    entry: { 'node-worker': 'src/node/worker.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    external: ['zod', 'fflate'],
  },
  {
    // the CLI: one ESM file, its argument parser bundled in
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    external: ['zod', 'fflate', '@aws-sdk/client-s3'],
    noExternal: ['commander'],
    // commander is CommonJS: the bundle's `require` calls (of Node built-ins) need a real one
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
  },
]);
