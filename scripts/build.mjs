// Bundles the CLI with esbuild so start-up reads a few modules instead of walking node_modules.
// Code splitting puts what only some commands load (compose and yaml for stacks, the simulated
// coreutils for exec) in chunks of their own, behind their dynamic import()s, so the other
// commands neither read nor compile them.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { tsecret: 'src/main.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  // commander is CommonJS; give each module a require() for its node: built-ins
  banner: { js: "import { createRequire as __tsecretRequire } from 'node:module'; const require = __tsecretRequire(import.meta.url);" },
  define: { TSECRET_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
