#!/usr/bin/env -S node --
// `--` ends node's own options: Node 20 otherwise reads an `--env-file` anywhere on the command
// line as its own, so `tsecret service create --env-file f` would load f into tsecret's
// environment (or kill node when f is missing) before tsecret runs.
//
// Start-up is most of what a tsecret command costs, so this loader is CommonJS (node's ESM loader
// alone costs milliseconds) and runs the bundle with the V8 code cache the build made for it
// (dist/tsecret.cjs.cache): V8 then neither parses the bundle nor compiles the functions the
// common commands run. Node 22 has module.enableCompileCache for this; Node 20 has only vm.Script.
// A cache that does not fit this node (another version or V8 flags) is rejected by V8 and the
// bundle compiles as usual.
'use strict';
const { readFileSync, writeFileSync, renameSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'tsecret.cjs');
const CODE_CACHE = `${BUNDLE}.cache`;

// Built-ins that cost milliseconds to load and that many commands never touch: commander requires
// child_process for executable subcommands, which tsecret has none of; crypto serves writes and
// IDs, not `secret ls`; tty and stream load net. The bundle gets them as proxies that load the
// module on first use (esbuild's CommonJS output reads imports as properties at each use).
const LAZY_BUILTINS = new Set(['node:crypto', 'node:child_process', 'node:stream', 'node:tty']);

function lazyBuiltin(id) {
  let real;
  const load = () => (real ??= require(id));
  return new Proxy(
    {},
    {
      get: (_, key) => load()[key],
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

/** Runs the bundle as a CommonJS module; returns its exports and its vm.Script. */
function loadBundle(useCache = true) {
  // esbuild escapes all non-ASCII, so latin1 reads it exactly, and faster than utf8
  const source = readFileSync(BUNDLE, 'latin1');
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(CODE_CACHE);
    } catch {
      // no cache (a build without one): compile as usual
    }
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: BUNDLE, cachedData });
  const bundleRequire = createRequire(BUNDLE);
  const lazy = new Map();
  const requireForBundle = (id) => (LAZY_BUILTINS.has(id) ? (lazy.get(id) ?? lazy.set(id, lazyBuiltin(id)).get(id)) : bundleRequire(id));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, requireForBundle, module, BUNDLE, dirname(BUNDLE));
  return { exports: module.exports, script };
}

/** Build step: run the common commands once, then save what V8 compiled for them. */
async function writeCodeCache() {
  const { exports, script } = loadBundle(false);
  await exports.warmUp();
  const tmp = `${CODE_CACHE}.${process.pid}.tmp`;
  writeFileSync(tmp, script.createCachedData());
  renameSync(tmp, CODE_CACHE);
}

if (require.main !== module) {
  module.exports = { loadBundle, writeCodeCache, BUNDLE, CODE_CACHE };
} else {
  let bundle;
  try {
    bundle = loadBundle();
  } catch (err) {
    // a checkout that was never built: one line, not node's stack trace
    if (err.code !== 'ENOENT' || err.path !== BUNDLE) throw err;
    process.stderr.write(`tsecret: ${BUNDLE} is missing: run \`npm run build\`\n`);
    process.exit(1);
  }
  bundle.exports.main();
}
