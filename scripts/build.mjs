// Builds the CLI into dist/ as chunks that load on demand, each with the V8 code cache of what
// the tutorial's commands run in it (src/warm-up.ts):
//
//   dist/tsecret.cjs          the entry chunk (src/main.ts), and its .cache
//   dist/chunks.pack          the other chunks, each followed by its cache: one per source folder
//                             (src/go/template, src/store, ...) and per npm package (yaml, ...)
//   dist/tsecret.json         the manifest: the chunks, where each is in the pack, each module's
//                             export names, and the command tree as data (src/cli/registry.ts)
//
// In a chunk, an import from another chunk's module is a require('tsecret-chunk:C/M') that
// bin/tsecret.cjs answers with a stand-in object, which loads chunk C when one of its exports is
// first read (esbuild's CommonJS output reads an import as a property at each use). So a module
// costs nothing until its code runs: `secret ls` loads the store, the template engine and the
// formatter, never compose, yaml or the exec simulator, and `--version` loads almost nothing.
// The tree as data gives dispatch, help and usage errors without loading any command's module.
//
// The rule for new code: nothing to do. A new folder is a new chunk; a module's exports load with
// its chunk when first read. Top-level code that reads another module's export (a table built
// from imported functions) loads that chunk along with its own, as a static import would.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const common = {
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
};

// 1. Which modules the CLI is made of (the entry and the build-time warm-up), and their chunks.
const ENTRY = 'src/main.ts';
const WARM_UP = 'src/warm-up.ts';
const analysis = await build({
  ...common,
  stdin: { contents: `import './${ENTRY}';\nimport './${WARM_UP}';\n`, resolveDir: root, sourcefile: 'analysis.ts', loader: 'ts' },
  outfile: 'analysis.cjs',
  write: false,
  metafile: true,
});
const inputs = Object.keys(analysis.metafile.inputs).filter((p) => p !== 'analysis.ts');

/** A module's chunk: its folder under src/ (files at the top of src/ alone), or its npm package. */
function chunkOf(path) {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const [scope, name] = path.slice(nm + 'node_modules/'.length).split('/');
    return `npm/${scope.startsWith('@') ? `${scope}/${name}` : scope}`;
  }
  if (path.startsWith('src/') && path.split('/').length > 2) return dirname(path);
  return path;
}

// the loader copies a module's exports once its chunk has run (bin/tsecret.cjs): a `let` that
// changes later would not be seen by other chunks
for (const p of inputs.filter((i) => i.startsWith('src/'))) {
  const m = /^export\s+(?:let|var)\s+(\w+)/m.exec(readFileSync(join(root, p), 'utf8'));
  if (m) throw new Error(`${p} exports \`${m[0]}\`: export a function that reads it instead (see README, Development)`);
}

const chunkNames = [...new Set(inputs.map(chunkOf))].sort((a, b) => (a === ENTRY ? -1 : b === ENTRY ? 1 : a < b ? -1 : a > b ? 1 : 0));
const chunks = chunkNames.map((name) => ({
  name,
  file:
    name === ENTRY
      ? 'tsecret.cjs'
      : `chunks/${name
          .replace(/\.ts$/, '')
          .replace(/^src\//, '')
          .replace(/[/@]/g, '-')}.cjs`,
  modules: inputs.filter((p) => chunkOf(p) === name).sort(),
}));
/** 'C/M': module M of chunk C, as chunks require each other and the manifest names modules. */
const moduleKey = new Map(chunks.flatMap((c, ci) => c.modules.map((m, mi) => [m, `${ci}/${mi}`])));

// 2. One CommonJS file per chunk: its modules, bundled; imports of other chunks' modules left as
// requires of 'tsecret-chunk:C/M'. import() becomes a require too (esbuild's lowering), as a
// vm.Script has no loader for a real import().
const chunkEntry = 'tsecret-chunk-entry';
const splitByChunk = {
  name: 'split-by-chunk',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^${chunkEntry}:`) }, (a) => ({ path: a.path, namespace: chunkEntry }));
    b.onLoad({ filter: /.*/, namespace: chunkEntry }, (a) => {
      const { modules } = chunks[Number(a.path.split(':')[1])];
      // each module's namespace, as export mN: the loader hands it to the other chunks
      const lines = modules.map((m, i) => `import * as m${i} from ${JSON.stringify(join(root, m))};`);
      lines.push(`export { ${modules.map((_, i) => `m${i}`).join(', ')} };`);
      return { contents: lines.join('\n'), resolveDir: root, loader: 'js' };
    });
    b.onResolve({ filter: /.*/ }, async (a) => {
      if (a.pluginData?.inner || a.namespace === chunkEntry) return undefined;
      const r = await b.resolve(a.path, { kind: a.kind, resolveDir: a.resolveDir, importer: a.importer, pluginData: { inner: true } });
      if (r.errors.length || r.external) return r.errors.length ? { errors: r.errors } : { path: r.path, external: true };
      const target = relative(root, r.path);
      const key = moduleKey.get(target);
      if (key === undefined) return { errors: [{ text: `${target} is not in the analysis build` }] };
      if (chunkOf(target) === chunkOf(relative(root, a.importer))) return { path: r.path };
      return { path: `tsecret-chunk:${key}`, external: true };
    });
  },
};

rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  ...common,
  entryPoints: chunks.map((c, i) => ({ in: `${chunkEntry}:${i}`, out: c.file.replace(/\.cjs$/, '') })),
  outdir: join(root, 'dist'),
  outExtension: { '.js': '.cjs' },
  supported: { 'dynamic-import': false },
  plugins: [splitByChunk],
  // each chunk is the function node would wrap a CommonJS module in: the loader compiles it as is
  banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
  footer: { js: '\n})' },
});

for (const c of chunks) {
  const text = readFileSync(join(root, 'dist', c.file), 'latin1');
  // bin/tsecret.cjs reads chunks as latin1, which is exact only for ASCII (esbuild escapes
  // non-ASCII in strings, not in regular expression literals: write those with \u escapes)
  const nonAscii = /[^\x00-\x7f]/.exec(text);
  if (nonAscii)
    throw new Error(
      `dist/${c.file} has a non-ASCII character near: ${JSON.stringify(text.slice(nonAscii.index - 40, nonAscii.index + 10))}`,
    );
  // a vm.Script has no loader for a real import(): every one must have been lowered to require
  const dynamicImport = /\bimport\((["'`])[^"'`]*\1\)/.exec(text);
  if (dynamicImport) throw new Error(`dist/${c.file} has a dynamic ${dynamicImport[0]}`);
}

// 3. The manifest's layout; then a child process (a plain `node`, as V8 rejects a cache made under
// other flags) runs the warm-up through the loader, saves each chunk's code cache, packs the
// chunks but the entry into one file (dist/chunks.pack: a chunk and its cache are one read), and
// completes the manifest with the pack's layout, the export names and the command tree.
mkdirSync(join(root, 'dist', 'chunks'), { recursive: true });
const entryKey = moduleKey.get(ENTRY);
const warmUpKey = moduleKey.get(WARM_UP);
writeFileSync(
  join(root, 'dist', 'tsecret.json'),
  `${JSON.stringify({ chunks: chunks.map(({ name, file, modules }) => ({ name, file, modules })), entry: entryKey, warmUp: warmUpKey })}\n`,
);
const made = spawnSync(
  process.execPath,
  ['-e', "require('./bin/tsecret.cjs').writeCodeCache().catch((e) => { console.error(e.stack); process.exit(1); })"],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (made.status !== 0) process.exit(made.status ?? 1);
