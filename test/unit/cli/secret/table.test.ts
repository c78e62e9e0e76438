// `secret ls`'s default table is laid out straight from the secrets (defaultSecretTable), without
// the template engine: it must print what DEFAULT_SECRET_TABLE renders through the template path
// (renderRows over SecretRow, as `secret ls --format` does), byte for byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Secret } from '../../../../src/api/swarm.js';
import { renderRows } from '../../../../src/cli/formatter/formatter.js';
import { DEFAULT_SECRET_TABLE, defaultSecretTable, SECRET_HEADERS, SecretRow } from '../../../../src/cli/secret/formatter.js';
import { nowRFC3339Nano } from '../../../../src/go/time/time.js';

const NOW = Date.UTC(2026, 11, 5, 8, 0, 0);
const YEAR = 365 * 24 * 3600 * 1000;

/** An engine time as the store keeps it: RFC3339Nano, some years either side of NOW. */
const time = fc
  .tuple(fc.integer({ min: -YEAR, max: 6 * YEAR }), fc.bigInt({ min: 0n, max: 999_999n }))
  .map(([before, sub]) => nowRFC3339Nano(NOW - before, sub));

const secret: fc.Arbitrary<Secret> = fc
  .record({
    id: fc.oneof(fc.stringMatching(/^[a-z0-9]{25}$/), fc.string({ maxLength: 30 })),
    name: fc.oneof(fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/), fc.string({ unit: 'binary', maxLength: 20 })),
    driver: fc.option(fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z0-9-]{1,20}$/), fc.string({ maxLength: 8 }))),
    created: time,
    updated: fc.option(time),
  })
  .map(({ id, name, driver, created, updated }) => ({
    ID: id,
    Version: { Index: 11 },
    CreatedAt: created,
    UpdatedAt: updated ?? created,
    Spec: { Name: name, Labels: {}, ...(driver === null ? {} : { Driver: { Name: driver } }) },
  }));

describe('secret ls default table', () => {
  it('prints what the default template renders, on random secrets and clocks', () => {
    fc.assert(
      fc.property(fc.array(secret, { maxLength: 12 }), fc.integer({ min: -YEAR, max: YEAR }), (secrets, skew) => {
        const now = NOW + skew;
        const viaTemplate = renderRows(
          DEFAULT_SECRET_TABLE,
          secrets.map((s) => new SecretRow(s, now)),
          SECRET_HEADERS,
          { rowType: '*secret.secretContext' },
        );
        expect(defaultSecretTable(secrets, now)).toBe(viaTemplate);
      }),
      { numRuns: 1000 },
    );
  });

  it('prints the header alone for no secrets, as the template does', () => {
    expect(defaultSecretTable([], NOW)).toBe('ID        NAME      DRIVER    CREATED   UPDATED\n');
  });
});
