// Bundles the CLI with esbuild into one CommonJS file, dist/tsecret.cjs, then has
// bin/tsecret.cjs run the common commands once and save V8's code cache for the bundle
// (dist/tsecret.cjs.cache). With the cache, start-up neither parses the bundle nor compiles what
// those commands run, so one file holds everything: code no command calls costs only its bytes.
// Modules behind a dynamic import() (compose and yaml for stacks, the simulated coreutils for
// exec, chalk) are still evaluated only when first imported.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  // the bundle exports the CLI's main and, for the code cache below only, the build-time warm-up:
  // neither source module imports the other
  stdin: {
    contents: "export { main } from './src/main.ts';\nexport { warmUp } from './src/warm-up.ts';\n",
    resolveDir: new URL('..', import.meta.url).pathname,
    sourcefile: 'bundle-entry.ts',
    loader: 'ts',
  },
  outfile: 'dist/tsecret.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  // smaller to read at start-up; identifiers keep their names, as Go type names in template
  // errors come from class names
  minifyWhitespace: true,
  minifySyntax: true,
  define: { TSECRET_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});

const bundle = readFileSync('dist/tsecret.cjs', 'latin1');

// bin/tsecret.cjs reads the bundle as latin1, which is exact only for ASCII (esbuild escapes
// non-ASCII in strings, not in regular expression literals: write those with \u escapes)
const nonAscii = /[^\x00-\x7f]/.exec(bundle);
if (nonAscii)
  throw new Error(
    `dist/tsecret.cjs has a non-ASCII character near: ${JSON.stringify(bundle.slice(nonAscii.index - 40, nonAscii.index + 10))}`,
  );

// bin/tsecret.cjs runs the bundle as a vm.Script, which has no loader for a real import():
// node built-ins must be imported statically (esbuild turns import() of bundled modules into
// lazy requires)
const dynamicImport = /\bimport\((["'`])[^"'`]*\1\)/.exec(bundle);
if (dynamicImport) throw new Error(`dist/tsecret.cjs has a dynamic ${dynamicImport[0]}: import it statically`);

// A child process, so the cache is made by a plain `node` as the CLI runs it (V8 rejects a cache
// made under other flags).
const made = spawnSync(
  process.execPath,
  ['-e', "require('./bin/tsecret.cjs').writeCodeCache().catch((e) => { console.error(e.message); process.exit(1); })"],
  {
    cwd: new URL('..', import.meta.url),
    stdio: 'inherit',
  },
);
if (made.status !== 0) process.exit(made.status ?? 1);
