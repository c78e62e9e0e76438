// `exec` flags and `rm` of a running task container in the simulated swarm, with docker's texts
// (conformance recording "exec-commands").
import { describe, expect, it } from 'vitest';
import { type Session, session } from '../helpers/run.js';

async function withContainer(): Promise<{ s: Session; id: string; name: string }> {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  await s.run('secret create ex_secret -', { stdin: 'top secret\n' });
  await s.run(
    'service create -d --no-resolve-image --name ex --env GREETING=hello --secret ex_secret --secret source=ex_secret,target=/etc/app/conf,mode=0400 nginx',
  );
  const id = (await s.run('ps -q --no-trunc')).stdout.trim();
  const name = (await s.run(['ps', '--format', '{{.Names}}'])).stdout.trim();
  return { s, id, name };
}

describe('exec', () => {
  it('passes stdin only with -i', async () => {
    const { s, id } = await withContainer();
    expect(await s.run(['exec', '-i', id, 'cat'], { stdin: 'piped\n' })).toEqual({ stdout: 'piped\n', stderr: '', exit: 0 });
    expect(await s.run(['exec', id, 'cat'], { stdin: 'piped\n' })).toEqual({ stdout: '', stderr: '', exit: 0 });
  });

  it('-t merges stderr into stdout with \\r\\n line ends and sets TERM', async () => {
    const { s, id } = await withContainer();
    expect(await s.run(['exec', '-t', id, 'sh', '-c', 'echo out; echo err >&2; exit 4'])).toEqual({
      stdout: 'out\r\nerr\r\n',
      stderr: '',
      exit: 4,
    });
    expect((await s.run(['exec', '-t', id, 'sh', '-c', 'echo $TERM'])).stdout).toBe('xterm\r\n');
    expect((await s.run(['exec', id, 'sh', '-c', 'echo "[$TERM]"'])).stdout).toBe('[]\n');
  });

  it('-it needs a terminal on stdin; a missing container is reported first', async () => {
    const { s, id } = await withContainer();
    const notTTY = { stdout: '', stderr: 'the input device is not a TTY\n', exit: 1 };
    expect(await s.run(['exec', '-it', id, 'true'])).toEqual(notTTY);
    expect(await s.run(['exec', '-i', '-t', id, 'true'])).toEqual(notTTY);
    expect(await s.run(['exec', '-it', 'nosuch_ctr', 'true'])).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: No such container: nosuch_ctr\n',
      exit: 1,
    });
    expect((await s.run(['exec', '-dit', id, 'true'])).exit).toBe(0);
  });

  it('sets HOME from the user`s passwd entry unless given, and a bare -e NAME unsets it', async () => {
    const { s, id } = await withContainer();
    expect((await s.run(['exec', id, 'sh', '-c', 'echo $HOME'])).stdout).toBe('/root\n');
    expect((await s.run(['exec', '-u', '4242', id, 'sh', '-c', 'echo $HOME'])).stdout).toBe('/\n');
    expect((await s.run(['exec', '-e', 'HOME=/x', id, 'sh', '-c', 'echo $HOME'])).stdout).toBe('/x\n');
    expect((await s.run(['exec', '-e', 'GREETING', id, 'sh', '-c', 'echo "[$GREETING]"'], { env: { GREETING: undefined } })).stdout).toBe(
      '[]\n',
    );
  });

  it('gives every target of one secret the last reference`s owner and mode, as moby`s one file per secret does', async () => {
    const { s, id } = await withContainer();
    expect((await s.run(['exec', id, 'stat', '-c', '%a %n', '/run/secrets/ex_secret', '/etc/app/conf'])).stdout).toBe(
      '400 /run/secrets/ex_secret\n400 /etc/app/conf\n',
    );
    expect((await s.run(['exec', '-u', '1000', id, 'cat', '/run/secrets/ex_secret'])).exit).toBe(1);
  });
});

describe('rm of a running task container', () => {
  it('names the argument as given, in current engines` words', async () => {
    const { s, id, name } = await withContainer();
    const refused = (ref: string) =>
      `Error response from daemon: cannot remove container "${ref}": container is running: stop the container before removing or force remove\n`;
    expect(await s.run(['rm', id])).toEqual({ stdout: '', stderr: refused(id), exit: 1 });
    expect(await s.run(['rm', name])).toEqual({ stdout: '', stderr: refused(name), exit: 1 });
    expect(await s.run(['container', 'rm', 'nosuch_ctr', id.slice(0, 10)])).toEqual({
      stdout: '',
      stderr: `Error response from daemon: No such container: nosuch_ctr\n${refused(id.slice(0, 10))}`,
      exit: 1,
    });
    expect(await s.run(['rm', '-f', id])).toEqual({ stdout: `${id}\n`, stderr: '', exit: 0 });
  });
});
