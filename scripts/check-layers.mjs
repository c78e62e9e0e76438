// The layer check run by `npm test`: imports in src/ only point down, and no module imports
// itself through others (no cycles). Each top-level folder of src/ is a layer:
//
//   cli → compose → engine → store → go        (an import may skip layers, never climb)
//   api, iostreams, opts, determinism: shared leaves  (any layer may import them; they import
//                                                only go and, for opts, api)
//   doctest: below cli only                     (tsecret doctest's work: the cli verb loads it; it
//                                                imports only go and the shared leaves)
//   main.ts, warm-up.ts: entry points           (may import anything; nothing imports them)
//
// Type-only imports count too: a type that climbs is a dependency that climbs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');

/** What each layer may import, besides itself. */
const ALLOWED = {
  go: [],
  api: ['go'],
  iostreams: ['go'],
  opts: ['api', 'go'],
  determinism: ['go'],
  store: ['api', 'iostreams', 'opts', 'determinism', 'go'],
  engine: ['store', 'api', 'iostreams', 'opts', 'determinism', 'go'],
  compose: ['engine', 'store', 'api', 'iostreams', 'opts', 'determinism', 'go'],
  doctest: ['api', 'iostreams', 'opts', 'determinism', 'go'],
  cli: ['doctest', 'compose', 'engine', 'store', 'api', 'iostreams', 'opts', 'determinism', 'go'],
  entry: ['cli', 'doctest', 'compose', 'engine', 'store', 'api', 'iostreams', 'opts', 'determinism', 'go'],
};
const ENTRY_POINTS = new Set(['main.ts', 'warm-up.ts']);

const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.ts')) files.push(path);
  }
})(src);

const layerOf = (file) => {
  const rel = relative(src, file);
  if (ENTRY_POINTS.has(rel)) return 'entry';
  const top = rel.split('/')[0];
  return top in ALLOWED && rel.includes('/') ? top : undefined;
};

// static imports and re-exports (type-only included), and import() of modules
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const problems = [];
const edges = new Map();
for (const file of files) {
  const rel = relative(root, file);
  const layer = layerOf(file);
  if (!layer) problems.push(`${rel}: not in a known layer (${Object.keys(ALLOWED).join(', ')}) and not an entry point`);
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const targets = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2];
    if (!spec.startsWith('.')) continue;
    const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
    targets.push(target);
    const to = layerOf(target);
    if (to === 'entry') problems.push(`${rel}: imports the entry point ${relative(root, target)}`);
    else if (layer && to && to !== layer && !ALLOWED[layer].includes(to)) {
      problems.push(
        `${rel}: ${layer} imports ${relative(root, target)} (${to}): imports only point down (${Object.keys(ALLOWED).join(' ')})`,
      );
    }
  }
  edges.set(file, targets);
}

// cycles: Tarjan's strongly connected components over the file graph
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const strongConnect = (v) => {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!edges.has(w)) continue;
    if (!idx.has(w)) {
      strongConnect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(relative(root, w));
    } while (w !== v);
    if (component.length > 1) problems.push(`import cycle: ${component.sort().join(' ↔ ')}`);
  }
};
for (const file of files) if (!idx.has(file)) strongConnect(file);

if (problems.length > 0) {
  process.stderr.write(`layer check: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`layer check: ${files.length} modules, imports point down, no cycles\n`);
