// Shell completion: `tsecret completion bash|zsh|fish` (docker 28's command layout) and the hidden
// `__complete` request its scripts make. The bash script is tried in a real bash, as a user's
// <TAB> runs it.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { whichOnPath } from '../../src/doctest/session.js';
import { builtCli, type Session, session, tempDir } from '../helpers/run.js';

async function withSecrets(): Promise<Session> {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  for (const name of ['db_password', 'api_key', 'Another_one'])
    expect((await s.run(['secret', 'create', name, '-'], { stdin: 'x' })).exit).toBe(0);
  await s.run('service create -d --name web --secret api_key nginx:latest');
  await s.run('service create -d --name stack1_app --label com.docker.stack.namespace=stack1 nginx:latest');
  return s;
}

describe('__complete', () => {
  let s: Session;
  beforeAll(async () => {
    s = await withSecrets();
  });
  const complete = async (...words: string[]) => (await s.run(['__complete', ...words])).stdout;

  it('completes commands and subcommands with their descriptions, hidden ones left out', async () => {
    expect(await complete('secret', 'i')).toBe('inspect\tDisplay detailed information on one or more secrets\n:4\n');
    expect(await complete('con')).toBe('config\tManage Swarm configs\ncontainer\tManage containers\n:4\n');
    expect((await s.run(['__completeNoDesc', 'sw'])).stdout).toBe('swarm\n:4\n');
  });

  it('completes flags, and flag values with fixed choices', async () => {
    expect(await complete('secret', 'ls', '--f')).toBe(
      '--filter\tFilter output based on conditions provided\n--format\tFormat output using a custom template:\n:4\n',
    );
    expect(await complete('service', 'create', '--mode', '')).toBe('replicated\nglobal\nreplicated-job\nglobal-job\n:4\n');
    expect(await complete('service', 'create', '--mode=g')).toBe('--mode=global\n--mode=global-job\n:4\n');
    expect(await complete('swarm', 'join-token', '')).toBe('worker\nmanager\n:4\n');
  });

  it('completes the names of secrets, services, stacks and task containers from the state', async () => {
    expect(await complete('secret', 'inspect', '')).toBe('Another_one\napi_key\ndb_password\n:4\n');
    expect(await complete('secret', 'rm', 'api_key', '')).toBe('Another_one\ndb_password\n:4\n');
    expect(await complete('service', 'create', '--secret', 'd')).toBe('db_password\n:4\n');
    expect(await complete('service', 'ps', '')).toBe('stack1_app\nweb\n:4\n');
    expect(await complete('service', 'scale', 'w')).toBe('web=\n:6\n');
    expect(await complete('stack', 'rm', '')).toBe('stack1\n:4\n');
    expect(await complete('exec', 'web')).toMatch(/^web\.1\.[0-9a-z]{25}\n:4\n$/);
    expect(await complete('exec', 'web.1', '')).toBe(':4\n');
  });

  it('completes config names from the state', async () => {
    const t = session();
    await t.run('swarm init --advertise-addr 127.0.0.1');
    for (const name of ['site.conf', 'app_conf']) expect((await t.run(['config', 'create', name, '-'], { stdin: 'x' })).exit).toBe(0);
    expect((await t.run(['__complete', 'config', 'inspect', ''])).stdout).toBe('app_conf\nsite.conf\n:4\n');
    expect((await t.run(['__complete', 'config', 'rm', 'app_conf', ''])).stdout).toBe('site.conf\n:4\n');
    expect((await t.run(['__complete', 'service', 'create', '--config', 's'])).stdout).toBe('site.conf\n:4\n');
    expect((await t.run(['__complete', 'service', 'update', '--config-rm', ''])).stdout).toBe('app_conf\nsite.conf\n:4\n');
  });

  it('completes network names from the state, the ingress network left out', async () => {
    const t = session();
    await t.run('swarm init --advertise-addr 127.0.0.1');
    writeFileSync(
      join(t.dir, 'stack.yml'),
      'version: "3.8"\nservices:\n  web:\n    image: nginx:latest\n    networks: [front]\nnetworks:\n  front: {}\n',
    );
    expect((await t.run(['stack', 'deploy', '-c', join(t.dir, 'stack.yml'), 'shop'])).exit).toBe(0);
    expect((await t.run(['__complete', 'service', 'create', '--network', ''])).stdout).toBe('shop_front\n:4\n');
  });

  it('lets the shell offer files where a path goes', async () => {
    expect(await complete('secret', 'create', 'name', '')).toBe(':0\n');
    expect(await complete('stack', 'deploy', '-c', '')).toBe(':0\n');
    expect(await complete('--state', '')).toBe(':0\n');
  });

  it("completes tsecret's own verbs, their flags and arguments, as docker's", async () => {
    expect(await complete('secret', 'r')).toBe(
      'rm\tRemove one or more secrets\nrotate\tReplace a secret with a new version in every service that uses it\n:4\n',
    );
    expect(await complete('stack', 'l')).toBe('ls\tList stacks\nlint\tCheck the secrets and configs of compose files\n:4\n');
    expect(await complete('do')).toBe("doctest\tCheck that Markdown files' shell sessions print what they show\n:4\n");
    expect(await complete('secret', 'rm', '--i')).toBe(
      '--ignore\tSkip secrets that do not exist instead of failing (as podman secret rm --ignore)\n:4\n',
    );
    // SECRET, then for rotate and verify the data file
    expect(await complete('secret', 'exists', 'a')).toBe('api_key\n:4\n');
    expect(await complete('secret', 'exists', 'api_key', '')).toBe(':4\n');
    expect(await complete('secret', 'rotate', '')).toBe('Another_one\napi_key\ndb_password\n:4\n');
    expect(await complete('secret', 'rotate', 'api_key', '')).toBe(':0\n');
    expect(await complete('secret', 'verify', 'd')).toBe('db_password\n:4\n');
    expect(await complete('secret', 'verify', 'db_password', '')).toBe(':0\n');
    // stack lint's --format and --target take fixed words; a list command's --format takes a template
    expect(await complete('stack', 'lint', '--format', '')).toBe('text\njson\nsarif\ngithub\n:4\n');
    expect(await complete('stack', 'lint', '--target=c')).toBe('--target=compose\n:4\n');
    expect(await complete('stack', 'lint', '-c', '')).toBe(':0\n');
    expect(await complete('secret', 'ls', '--format', '')).toBe(':0\n');
  });

  it('reads the state the command line names, and answers nothing from a state without a swarm', async () => {
    const other = join(tempDir(), 'state.json');
    expect(await complete('--state', other, 'secret', 'inspect', '')).toBe(':4\n');
    expect(await complete('--state', s.statePath, 'secret', 'inspect', 'a')).toBe('api_key\n:4\n');
  });
});

describe('completion command', () => {
  it('is hidden from the root help, and lists its shells as docker does', async () => {
    const s = session();
    expect((await s.run('--help')).stdout).not.toContain('completion');
    const group = await s.run('completion');
    expect(group.exit).toBe(0);
    expect(group.stderr).toBe(
      'Usage:  tsecret completion COMMAND\n\nGenerate the autocompletion script for tsecret for the specified shell.\n' +
        "See each sub-command's help for details on how to use the generated script.\n\nCommands:\n" +
        '  bash        Generate the autocompletion script for bash\n  fish        Generate the autocompletion script for fish\n' +
        "  zsh         Generate the autocompletion script for zsh\n\nRun 'tsecret completion COMMAND --help' for more information on a command.\n",
    );
  });

  it("prints install lines in each shell's help", async () => {
    const s = session();
    const bash = (await s.run('completion bash --help')).stdout;
    expect(bash).toMatch(/^Usage: {2}tsecret completion bash\n\nGenerate the autocompletion script for the bash shell\.\n/);
    expect(bash).toContain('\tsource <(tsecret completion bash)\n');
    expect(bash).toContain('Options:\n      --no-descriptions   disable completion descriptions\n');
    expect((await s.run('completion zsh --help')).stdout).toContain('\ttsecret completion zsh > "${fpath[1]}/_tsecret"\n');
    expect((await s.run('completion fish --help')).stdout).toContain(
      '\ttsecret completion fish > ~/.config/fish/completions/tsecret.fish\n',
    );
  });

  it('prints scripts that ask tsecret __complete, with or without descriptions', async () => {
    const s = session();
    expect((await s.run('completion zsh')).stdout).toMatch(
      /^#compdef tsecret\n[\s\S]*__complete "\$\{\(@\)words\[2,CURRENT\]\}"[\s\S]*compdef _tsecret tsecret\n/,
    );
    expect((await s.run('completion fish')).stdout).toContain("complete -c tsecret -f -a '(__tsecret_complete)'\n");
    expect((await s.run('completion fish --no-descriptions')).stdout).toContain(' __completeNoDesc ');
  });
});

describe('bash completion, sourced in bash', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = tempDir();
    const bin = join(dir, 'bin');
    spawnSync('mkdir', [bin]);
    writeFileSync(join(bin, 'tsecret'), `#!/bin/sh\nexec "${process.execPath}" -- "${builtCli}" "$@"\n`, { mode: 0o755 });
    env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, TSECRET_STATE: join(dir, 'state.json') };
    const setup =
      'tsecret swarm init >/dev/null && printf x | tsecret secret create my_first_secret - >/dev/null && printf y | tsecret secret create other_secret - >/dev/null';
    expect(spawnSync('bash', ['-c', setup], { env }).status).toBe(0);
  });

  /**
   * What <TAB> offers at the end of `line`: the script's function run as bash's completion would,
   * with bash's words (split at blanks, and at `=` when given `words`, as COMP_WORDBREAKS does).
   */
  function tab(line: string, words?: string[]): string[] {
    const split = words
      ? `COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')})`
      : 'read -r -a COMP_WORDS <<< "$COMP_LINE"; [[ $COMP_LINE == *\' \' ]] && COMP_WORDS+=("")';
    const script = `
source <(tsecret completion bash)
COMP_LINE=${JSON.stringify(line)}
COMP_POINT=\${#COMP_LINE}
${split}
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
fn=$(complete -p tsecret | sed -E 's/.*-F ([^ ]+) .*/\\1/')
"$fn" tsecret "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"
`;
    const r = spawnSync('bash', ['-c', script], { env, encoding: 'utf8', cwd: dir });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean);
  }

  it('completes `tsecret secret i<TAB>` to inspect', () => {
    expect(tab('tsecret secret i')).toEqual(['inspect']);
  });

  it("completes `tsecret secret inspect <TAB>` to the secrets' names", () => {
    expect(tab('tsecret secret inspect ')).toEqual(['my_first_secret', 'other_secret']);
    expect(tab('tsecret secret inspect o')).toEqual(['other_secret']);
  });

  it('completes a --flag=value word as one word', () => {
    const line = 'tsecret service create --secret=my';
    expect(tab(line, ['tsecret', 'service', 'create', '--secret', '=', 'my'])).toEqual(['my_first_secret']);
    expect(tab('tsecret service create --secret=', ['tsecret', 'service', 'create', '--secret', '='])).toEqual([
      '=my_first_secret',
      '=other_secret',
    ]);
  });
});

describe.skipIf(!whichOnPath('zsh', process.env.PATH))('zsh script', () => {
  it('is valid zsh', () => {
    const script = spawnSync(process.execPath, ['--', builtCli, 'completion', 'zsh'], { encoding: 'utf8' }).stdout;
    expect(spawnSync('zsh', ['-n', '-c', script]).status).toBe(0);
  });
});
