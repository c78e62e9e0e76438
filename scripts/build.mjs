// Bundles the CLI into one ESM file so start-up reads a single module instead of walking node_modules.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

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
  define: { TSECRET_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
