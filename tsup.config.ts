import { defineConfig } from 'tsup';

// No source maps are shipped. Measured on this package (npm pack): with maps and their
// sourcesContent 703 kB packed / 3.47 MB unpacked (1.52 MB of maps); maps without sourcesContent
// 420 kB / 2.46 MB (0.51 MB of maps); no maps 323 kB / 1.95 MB. Maps without sourcesContent
// point at src/*.ts, which the package does not hold (bundlers' source-map loaders warn about
// the missing files), and the built JavaScript is not minified: stack traces are readable as is.

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
    sourcemap: false,
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
    sourcemap: false,
    external: ['zod', 'fflate'],
  },
  {
    // the CLI: one ESM file, its argument parser bundled in
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    sourcemap: false,
    external: ['zod', 'fflate', '@aws-sdk/client-s3'],
    noExternal: ['commander'],
    // commander is CommonJS: the bundle's `require` calls (of Node built-ins) need a real one
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
  },
]);
