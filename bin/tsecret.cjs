#!/usr/bin/env -S node --
// `--` ends node's own options: Node 20 otherwise reads an `--env-file` anywhere on the command
// line as its own, so `tsecret service create --env-file f` would load f into tsecret's
// environment (or kill node when f is missing) before tsecret runs.
//
// Start-up is most of what a tsecret command costs, so this loader is CommonJS (node's ESM loader
// alone costs milliseconds) and loads only what the command runs. The build (scripts/build.mjs)
// makes one chunk per source folder and npm package, with the V8 code cache of what the tutorial's
// commands run in it, and a manifest (dist/tsecret.json): the chunks, each module's export names,
// and the command tree as data. A chunk runs as a vm.Script with its cache, so V8 neither parses
// it nor compiles those functions again (Node 22 has module.enableCompileCache; Node 20 only
// vm.Script); a cache that does not fit this node (another version, other V8 flags) is rejected by
// V8 and the chunk compiles as usual. An import of another chunk's module gets a stand-in object
// whose properties load that chunk on first read, then forward to the module's own exports.
'use strict';
const { openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const DIST = join(__dirname, '..', 'dist');
const BUNDLE = join(DIST, 'tsecret.cjs');
const MANIFEST = join(DIST, 'tsecret.json');
const CHUNK_PREFIX = 'tsecret-chunk:';

// A built-in that node's own start-up has not loaded yet (crypto, child_process, stream, tty, os,
// ...) costs time to load, and many commands never call it: child_process serves doctest and
// demo, crypto writes and IDs, not `secret ls`. A chunk gets such a built-in as a proxy that loads
// it on first use.
const loadedAtStart = new Set(
  process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length)),
);

function lazyProxy(load) {
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

const builtins = new Map();
function requireBuiltin(id) {
  let exports = builtins.get(id);
  if (exports) return exports;
  if (loadedAtStart.has(id.startsWith('node:') ? id.slice(5) : id)) {
    exports = require(id);
  } else {
    let real;
    exports = lazyProxy(() => (real ??= require(id)));
  }
  builtins.set(id, exports);
  return exports;
}

/** The chunks of one build, loaded on demand. */
class Chunks {
  /** useCache: read the code caches; a build without export names (the cache step) gets proxies. */
  constructor(manifest, useCache) {
    this.manifest = manifest;
    this.useCache = useCache;
    /** chunk index → { exports, script } once loaded */
    this.loaded = [];
    /** 'C/M' → what a require of module M of chunk C gives */
    this.modules = new Map();
    /** [C, M, stand-in] given out before chunk C had run */
    this.standIns = [];
    this.require = (id) => (id.startsWith(CHUNK_PREFIX) ? this.module(id.slice(CHUNK_PREFIX.length)) : requireBuiltin(id));
  }

  /** A chunk's source and code cache: from the pack once the build made it, else from its own files. */
  read(c) {
    const chunk = this.manifest.chunks[c];
    const file = `${DIST}/${chunk.file}`;
    if (chunk.pack) {
      const [offset, sourceLength, cacheLength] = chunk.pack;
      this.packFd ??= openSync(`${DIST}/chunks.pack`, 'r');
      const bytes = Buffer.allocUnsafe(sourceLength + cacheLength);
      readSync(this.packFd, bytes, 0, bytes.length, offset);
      // esbuild escapes all non-ASCII, so latin1 reads the source exactly, and faster than utf8
      return { file, source: bytes.latin1Slice(0, sourceLength), cachedData: this.useCache ? bytes.subarray(sourceLength) : undefined };
    }
    const source = readFileSync(file, 'latin1');
    let cachedData;
    if (this.useCache) {
      try {
        cachedData = readFileSync(`${file}.cache`);
      } catch {
        // no cache (a build without one): compile as usual
      }
    }
    return { file, source, cachedData };
  }

  /** Runs chunk c once; its exports are { m0, m1, ... }, the namespaces of its modules. */
  load(c) {
    const done = this.loaded[c];
    if (done) return done.module.exports;
    // the build wrapped each chunk in the function node wraps a CommonJS module in
    const { file, source, cachedData } = this.read(c);
    const script = new Script(source, { filename: file, cachedData });
    const module = { exports: {} };
    this.loaded[c] = { module, script };
    script.runInThisContext()(module.exports, this.require, module, file, dirname(file));
    this.loaded[c].done = true;
    this.materialize(c);
    return module.exports;
  }

  /**
   * A module's exports. Once its chunk has run: a plain copy of its namespace, so an imported name
   * reads as a plain property (esbuild's namespace objects have a getter per export; src/ exports
   * no `let`, so values do not change once set). Before: a stand-in whose prototype has a getter
   * per export name that loads the chunk; the copy then lands on the stand-in itself.
   */
  module(key) {
    let exports = this.modules.get(key);
    if (exports) return exports;
    const slash = key.indexOf('/');
    const c = Number(key.slice(0, slash));
    const m = key.slice(slash + 1);
    if (this.loaded[c]?.done) {
      exports = { ...this.loaded[c].module.exports[`m${m}`] };
    } else {
      const names = this.manifest.chunks[c].exports?.[m]?.split(',');
      if (!names) {
        // the cache step, before the export names are known
        exports = lazyProxy(() => this.load(c)[`m${m}`]);
      } else {
        const getters = {};
        for (const name of names) {
          Object.defineProperty(getters, name, {
            enumerable: true,
            // read during the chunk's own run (an import cycle): the namespace's live value
            get: () => this.load(c)[`m${m}`][name],
          });
        }
        exports = Object.create(getters);
        this.standIns.push([c, m, exports]);
      }
    }
    this.modules.set(key, exports);
    return exports;
  }

  /** Once chunk c has run, its stand-ins get the values of their modules' exports. */
  materialize(c) {
    this.standIns = this.standIns.filter(([sc, m, standIn]) => {
      if (sc !== c) return true;
      const ns = this.loaded[c].module.exports[`m${m}`];
      for (const name of Object.keys(ns))
        Object.defineProperty(standIn, name, { value: ns[name], enumerable: true, writable: false, configurable: false });
      return false;
    });
  }
}

/** The manifest and the entry chunk (src/main.ts); returns the chunks and the entry's script. */
function loadBundle(useCache = true) {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  const chunks = new Chunks(manifest, useCache);
  const [c] = manifest.entry.split('/');
  chunks.load(Number(c));
  return { chunks, manifest, exports: chunks.module(manifest.entry), script: chunks.loaded[Number(c)].script };
}

/**
 * Build step: run the tutorial's commands once, then save what V8 compiled for each chunk, and
 * complete the manifest with each module's export names and the command tree as data.
 */
async function writeCodeCache() {
  const { chunks, manifest, exports } = loadBundle(false);
  for (let c = 0; c < manifest.chunks.length; c++) chunks.load(c);
  // where each command spec is exported, so a run can load its module alone
  const namespaces = manifest.chunks.flatMap((chunk, c) =>
    chunk.modules.map((_, m) => [`${c}/${m}`, chunks.loaded[c].module.exports[`m${m}`]]),
  );
  const locate = (spec) => {
    for (const [module, ns] of namespaces) {
      for (const name of Object.keys(ns)) {
        const v = ns[name];
        if (v === spec) return { module, path: [name] };
        if (Array.isArray(v) && v.includes(spec)) return { module, path: [name, v.indexOf(spec)] };
      }
    }
    return undefined;
  };
  const commands = exports.commandTreeData(locate);
  // the tutorial's commands, through the tree as a run rebuilds it
  await chunks
    .module(manifest.warmUp)
    .warmUp(exports.commandTree({ tree: JSON.parse(JSON.stringify(commands)), load: (key) => chunks.module(key) }));
  // the entry's cache beside it; every other chunk and its cache into the pack
  const entry = Number(manifest.entry.split('/')[0]);
  const packed = [];
  let offset = 0;
  const layout = manifest.chunks.map((chunk, c) => {
    const cache = chunks.loaded[c].script.createCachedData();
    if (c === entry) {
      writeFileSync(`${BUNDLE}.cache`, cache);
      return undefined;
    }
    const source = readFileSync(join(DIST, chunk.file));
    packed.push(source, cache);
    offset += source.length + cache.length;
    return [offset - source.length - cache.length, source.length, cache.length];
  });
  writeFileSync(join(DIST, 'chunks.pack'), Buffer.concat(packed));
  rmSync(join(DIST, 'chunks'), { recursive: true, force: true });
  const complete = {
    ...manifest,
    // export names as one text per module, split when a stand-in is made
    chunks: manifest.chunks.map(({ name, file }, c) => ({
      name,
      file,
      ...(layout[c] && { pack: layout[c] }),
      exports: manifest.chunks[c].modules.map((_, m) => Object.keys(chunks.loaded[c].module.exports[`m${m}`]).join(',')),
    })),
    commands,
  };
  writeFileSync(`${MANIFEST}.${process.pid}.tmp`, JSON.stringify(complete));
  renameSync(`${MANIFEST}.${process.pid}.tmp`, MANIFEST);
}

if (require.main !== module) {
  module.exports = { loadBundle, writeCodeCache, BUNDLE, MANIFEST };
} else {
  let bundle;
  try {
    bundle = loadBundle();
  } catch (err) {
    // a checkout that was never built: one line, not node's stack trace
    if (err.code !== 'ENOENT' || (err.path !== BUNDLE && err.path !== MANIFEST)) throw err;
    process.stderr.write(`tsecret: ${BUNDLE} is missing: run \`npm run build\`\n`);
    process.exit(1);
  }
  bundle.exports.main({ tree: bundle.manifest.commands, load: (key) => bundle.chunks.module(key) });
}
