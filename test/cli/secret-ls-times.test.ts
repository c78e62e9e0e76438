// `secret ls` ages follow the injected clock, with go-units wording and tabwriter widths that follow
// the text (the conformance suite normalizes ages, so their exact layout is pinned here).
import { describe, expect, it } from 'vitest';
import { session } from '../helpers/run.js';

const MINUTE = 60_000;

describe('secret ls ages', () => {
  it('words ages as go-units does and widens the columns to fit', async () => {
    const s = session();
    await s.run('swarm init --advertise-addr 127.0.0.1');
    const id = (await s.run('secret create s1 -', { stdin: 'x' })).stdout.trim();
    expect((await s.run('secret ls')).stdout).toBe(
      'ID                          NAME      DRIVER    CREATED                  UPDATED\n' +
        `${id}   s1                  Less than a second ago   Less than a second ago\n`,
    );
    s.clock.now += 5 * MINUTE;
    expect((await s.run('secret ls')).stdout).toBe(
      'ID                          NAME      DRIVER    CREATED         UPDATED\n' +
        `${id}   s1                  5 minutes ago   5 minutes ago\n`,
    );
    const cases: [number, string][] = [
      [1_000, '5 minutes ago'],
      [55 * MINUTE, 'About an hour ago'],
      [3 * 24 * 60 * MINUTE, '3 days ago'],
    ];
    for (const [advance, text] of cases) {
      s.clock.now += advance;
      expect((await s.run(['secret', 'ls', '--format', '{{.CreatedAt}}|{{.UpdatedAt}}'])).stdout).toBe(`${text}|${text}\n`);
    }
  });

  it('keeps the json row keys sorted and the ages in words', async () => {
    const s = session();
    await s.run('swarm init --advertise-addr 127.0.0.1');
    const id = (await s.run('secret create -l b=2 -l a=1 s1 -', { stdin: 'x' })).stdout.trim();
    s.clock.now += 2 * 60 * MINUTE;
    expect((await s.run('secret ls --format json')).stdout).toBe(
      `{"CreatedAt":"2 hours ago","Driver":"","ID":"${id}","Labels":"a=1,b=2","Name":"s1","UpdatedAt":"2 hours ago"}\n`,
    );
  });
});
