/// <reference types="vite/client" />
// The command tree as data (src/cli/registry.ts), as the built CLI starts from it: every command
// answers the same through the tree rebuilt from data as through the real one, and dispatch, help
// and usage errors load no command's module; running a command loads its own module alone.
import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../../../src/cli/command.js';
import { commandData, lazyCommandTree, packCommandData, type SpecLocation } from '../../../src/cli/registry.js';
import { rootCommand, runCli } from '../../../src/cli/root.js';
import { localEngineFor } from '../../../src/engine/local/factory.js';
import { testStreams } from '../../../src/iostreams/test.js';
import { tempDir } from '../../helpers/run.js';

const modules = import.meta.glob<Record<string, unknown>>('../../../src/cli/**/*.ts', { eager: true });

/** Where each spec is exported, as the build finds it. */
function locate(spec: CommandSpec): SpecLocation | undefined {
  for (const [module, ns] of Object.entries(modules)) {
    for (const [name, v] of Object.entries(ns)) {
      if (v === spec) return { module, path: [name] };
      if (Array.isArray(v) && v.includes(spec)) return { module, path: [name, v.indexOf(spec)] };
    }
  }
  return undefined;
}

/** A tree rebuilt from its data as the build writes it (through JSON), and the modules it loaded. */
function lazyTree(): { tree: CommandSpec; loaded: string[] } {
  const data = JSON.parse(JSON.stringify(packCommandData(commandData(rootCommand(), locate))));
  const loaded: string[] = [];
  const tree = lazyCommandTree(
    data,
    (module) => {
      loaded.push(module.replace(/^.*\/src\//, 'src/'));
      return modules[module];
    },
    () => {
      loaded.push('the whole tree');
      return rootCommand();
    },
  );
  return { tree, loaded };
}

async function run(argv: string[], tree?: CommandSpec) {
  const dir = tempDir();
  const { io, stdout, stderr } = testStreams({ env: { NO_COLOR: '1' }, cwd: dir, now: () => Date.parse('2026-11-28T10:00:00Z') });
  const exit = await runCli(argv, io, () => localEngineFor(`${dir}/state.json`, io), tree);
  return { stdout: stdout.text(), stderr: stderr.text(), exit };
}

/** Every command's path in the real tree. */
function paths(spec: CommandSpec, at: string[] = []): string[][] {
  return [at, ...(spec.subcommands ?? []).flatMap((s) => paths(s, [...at, s.use.split(' ')[0]]))];
}

describe('the command tree as data', () => {
  it('answers every help, usage error and bare group exactly as the real tree', async () => {
    const lines: string[][] = [['--help'], [], ['help', 'secret', 'ls'], ['nosuch'], ['--bogus']];
    for (const path of paths(rootCommand()).slice(1)) lines.push([...path, '--help'], [...path, '--bogus'], [...path, '-h']);
    lines.push(
      ['secret'],
      ['stack', '--orchestrator', 'swarm', 'ls', '--help'],
      ['service', 'create', '--replicas', 'x', 'nginx'],
      ['secret', 'ls', 'extra'],
    );
    for (const argv of lines) {
      const { tree } = lazyTree();
      expect(await run(argv, tree), argv.join(' ')).toEqual(await run(argv));
    }
  });

  it('loads no module for help and flag errors, and the command alone to run it', async () => {
    for (const argv of [
      ['--help'],
      ['secret', 'ls', '--help'],
      ['secret', 'ls', '--bogus'],
      ['service', 'create', '--help'],
      ['--version'],
      ['nosuch'],
    ]) {
      const { tree, loaded } = lazyTree();
      await run(argv, tree);
      expect(loaded, argv.join(' ')).toEqual([]);
    }
    const { tree, loaded } = lazyTree();
    expect((await run(['secret', 'ls'], tree)).stderr).toMatch(/not a swarm manager/);
    expect(loaded).toEqual(['src/cli/secret/ls.ts']);
    // an argument check is code: the group's own module, for `secret` alone
    const group = lazyTree();
    await run(['secret'], group.tree);
    expect(group.loaded).toEqual(['src/cli/secret/secret.ts']);
  });

  it('reaches a spec its module does not export through the whole tree', async () => {
    const { tree, loaded } = lazyTree();
    const demo = tree.subcommands?.find((s) => s.use.startsWith('demo'));
    expect(demo?.short).toBe(rootCommand().subcommands?.find((s) => s.use.startsWith('demo'))?.short);
    expect(loaded).toEqual([]);
    expect(typeof demo?.run).toBe('function');
    expect(loaded).toEqual(['the whole tree']);
  });
});
