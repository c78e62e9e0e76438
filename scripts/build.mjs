// Bundles the CLI into one ESM file so start-up reads a single module instead of walking node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/tsecret.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  // commander is CommonJS; give the bundle a require() for its node: built-ins
  banner: { js: "import { createRequire as __tsecretRequire } from 'node:module'; const require = __tsecretRequire(import.meta.url);" },
  logLevel: 'warning',
});
