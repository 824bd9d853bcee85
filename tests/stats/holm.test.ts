import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holm } from '../../src/stats/holm.js';
import { expectClose } from '../helpers/tolerance.js';

// Reference: R 4.2 p.adjust(p, method = "holm") (tests/fixtures/r/holm.R), 17 digits.
type Value = [string] | null;
const fixture = (JSON.parse(readFileSync(new URL('../fixtures/r/holm.json', import.meta.url), 'utf8')) as { cases: { p: Value[]; holm: Value[] }[] }).cases;
const number = (v: Value) => (v === null ? null : Number(v[0]));

describe('holm', () => {
  it.each(fixture.map((c, i) => [i, c] as const))('matches R, case %i', (_i, c) => {
    const got = holm(c.p.map(number));
    const want = c.holm.map(number);
    expect(got.map((x) => x === null)).toEqual(want.map((x) => x === null));
    got.forEach((x, j) => {
      if (x !== null) expectClose(x, want[j], { relative: 4 * Number.EPSILON });
    });
  });

  it('never lowers a p-value, keeps the order of the raw ones and stays in [0, 1] (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (p) => {
        const adjusted = holm(p) as number[];
        adjusted.forEach((a, i) => {
          expect(a).toBeGreaterThanOrEqual(p[i]);
          expect(a).toBeLessThanOrEqual(1);
          p.forEach((q, j) => {
            if (p[i] < q) expect(a).toBeLessThanOrEqual(adjusted[j]);
          });
        });
      }),
      { seed: 20261129 },
    );
  });
});
