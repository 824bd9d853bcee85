/**
 * Weighted Aalen–Johansen cumulative incidence, checked against R survival 3.5.3
 * `survfit(Surv(time, factor(cause, 0:K)) ~ 1, weights = w)`: its pstate at every
 * time of the curve, and `summary(fit, times = horizons)$pstate`
 * (tests/fixtures/r/weightedIncidence.R); and for identities: unit weights give
 * cumulativeIncidence's estimate bit for bit, weights are scale-free, an integer
 * weight is that many copies, collapsing records beyond the horizons changes nothing.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulativeIncidence, cumulativeIncidenceAt } from '../../src/stats/cumulativeIncidence.js';
import { mergeNearTimes } from '../../src/stats/timeFix.js';
import {
  weightedCumulativeIncidence,
  weightedCumulativeIncidenceAt,
  weightedEventTable,
  type WeightedIncidenceAtHorizon,
} from '../../src/stats/weightedCumulativeIncidence.js';
import { expectClose } from '../helpers/tolerance.js';

interface State {
  eventFree: number;
  incidence: number[];
}
interface Dataset {
  name: string;
  causeCount: number;
  time: number[];
  cause: number[];
  weight: number[];
  curve: { time: number[]; eventFree: number[]; incidence: number[][] };
  horizons: number[];
  atHorizons: (State | null)[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/weightedIncidence.json', import.meta.url), 'utf8')) as { datasets: Dataset[] };

/**
 * Relative tolerance against R. survfitci.c keeps the weight at risk as the total less
 * each leaver's weight, person by person; here less each time's summed weight. The
 * sums round differently, by a few ulps; where R has a probability of 0 (or −1.7e-16,
 * the same rounding), an absolute 1e-15 is allowed.
 */
const REL_TOL = 1e-12;
const ABS_TOL = 1e-15;

const worst = { relative: 0 };
function expectNear(actual: number, expected: number, label: string): void {
  if (Math.abs(expected) > 1e-12) worst.relative = Math.max(worst.relative, Math.abs(actual - expected) / Math.abs(expected));
  expectClose(actual, expected, { relative: REL_TOL, absolute: ABS_TOL }, label);
}

function expectState(got: WeightedIncidenceAtHorizon | null, ref: State | null, label: string): void {
  if (ref === null) {
    expect(got, `${label}: R drops this horizon`).toBeNull();
    return;
  }
  expect(got, `${label}: R has a row`).not.toBeNull();
  expectNear(got!.eventFree, ref.eventFree, `${label} event-free`);
  expect(got!.incidence.length).toBe(ref.incidence.length);
  ref.incidence.forEach((r, j) => {
    expectNear(got!.incidence[j], r, `${label} cause ${j + 1}`);
  });
}

function inputs(ds: Dataset) {
  return { time: Float64Array.from(ds.time), cause: Int8Array.from(ds.cause), weight: Float64Array.from(ds.weight) };
}

describe('weightedCumulativeIncidence against R survfit(weights = )', () => {
  it.each(fixture.datasets.map((ds) => [ds.name, ds] as const))('%s: the whole curve (pstate at every time)', (_, ds) => {
    const { time, cause, weight } = inputs(ds);
    const table = weightedEventTable(time, cause, weight, { causeCount: ds.causeCount });
    expect(Array.from(table.time)).toEqual(ds.curve.time);
    const got = weightedCumulativeIncidenceAt(table, ds.curve.time);
    ds.curve.time.forEach((t, i) => {
      expectState(got[i], { eventFree: ds.curve.eventFree[i], incidence: ds.curve.incidence.map((c) => c[i]) }, `${ds.name} at time ${t}`);
    });
  });

  it.each(fixture.datasets.map((ds) => [ds.name, ds] as const))('%s: summary(fit, times = horizons)', (_, ds) => {
    const { time, cause, weight } = inputs(ds);
    const got = weightedCumulativeIncidence(time, cause, weight, ds.horizons, { causeCount: ds.causeCount });
    ds.horizons.forEach((h, k) => {
      expectState(got[k], ds.atHorizons[k], `${ds.name} at horizon ${h}`);
    });
  });

  it('keeps the order of the horizons it is given (R sorts them)', () => {
    const ds = fixture.datasets.find((d) => d.name === 'simulated-att-weights')!;
    const { time, cause, weight } = inputs(ds);
    const reversed = [...ds.horizons].reverse();
    const got = weightedCumulativeIncidence(time, cause, weight, reversed);
    reversed.forEach((h, k) => {
      expectState(got[k], ds.atHorizons[ds.horizons.indexOf(h)], `reversed, horizon ${h}`);
    });
  });

  it('merges near-equal times as survfit’s timefix (aeqSurv) does', () => {
    const ds = fixture.datasets.find((d) => d.name === 'near-tied-times')!;
    const distinct = Float64Array.from(new Set(ds.time)).sort();
    expect(Array.from(mergeNearTimes(distinct).times)).toEqual(ds.curve.time);
  });

  it('(largest relative difference to R)', () => {
    console.log('weightedCumulativeIncidence: largest relative difference to R', worst.relative);
  });
});

/** Random competing-risks records: integer times with ties, causes 0..k, fractional weights (some 0). */
const records = fc.integer({ min: 1, max: 60 }).chain((n) =>
  fc.record({
    time: fc.array(fc.integer({ min: 0, max: 25 }), { minLength: n, maxLength: n }),
    cause: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    weight: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 20, noNaN: true })), { minLength: n, maxLength: n }),
  }),
);
const HORIZONS = [-1, 0, 0.5, 3, 7.25, 12, 20, 25, 26];

describe('weightedCumulativeIncidence identities', () => {
  it('with every weight 1 equals cumulativeIncidence’s estimate, bit for bit', () => {
    fc.assert(
      fc.property(records, ({ time, cause }) => {
        const t = Float64Array.from(time);
        const c = Int8Array.from(cause);
        const curve = cumulativeIncidence(t, c, { causeCount: 3 });
        const horizons = [...HORIZONS, ...curve.time];
        const expected = cumulativeIncidenceAt(curve, horizons);
        const got = weightedCumulativeIncidence(t, c, new Float64Array(t.length).fill(1), horizons, { causeCount: 3 });
        horizons.forEach((_h, k) => {
          if (expected[k] === null) {
            expect(got[k]).toBeNull();
            return;
          }
          expect(got[k]!.eventFree).toBe(expected[k]!.eventFree);
          expected[k]!.causes.forEach((cause, j) => {
            expect(got[k]!.incidence[j]).toBe(cause.estimate);
          });
        });
      }),
      { seed: 20250113, numRuns: 300 },
    );
  });

  it('is unchanged by scaling every weight, and an integer weight is that many copies', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 1, max: 4 }), ({ time, cause, weight }, copies) => {
        const t = Float64Array.from(time);
        const c = Int8Array.from(cause);
        const w = Float64Array.from(weight, (x) => Math.round(x));
        const base = weightedCumulativeIncidence(t, c, w, HORIZONS, { causeCount: 3 });
        const scaled = weightedCumulativeIncidence(
          t,
          c,
          w.map((x) => x * 0.37),
          HORIZONS,
          { causeCount: 3 },
        );
        const n = t.length;
        const copied = weightedCumulativeIncidence(
          Float64Array.from({ length: n * copies }, (_, i) => t[i % n]),
          Int8Array.from({ length: n * copies }, (_, i) => c[i % n]),
          Float64Array.from({ length: n * copies }, (_, i) => w[i % n] / copies),
          HORIZONS,
          { causeCount: 3 },
        );
        const integer = weightedCumulativeIncidence(
          Float64Array.from(time.flatMap((x, i) => Array(w[i]).fill(x))),
          Int8Array.from(cause.flatMap((x, i) => Array(w[i]).fill(x))),
          Float64Array.from(Array.from(w).flatMap((x) => Array(x).fill(1))),
          HORIZONS,
          { causeCount: 3 },
        );
        HORIZONS.forEach((_h, k) => {
          for (const other of [scaled[k], copied[k]]) {
            if (base[k] === null) {
              expect(other).toBeNull();
              return;
            }
            expectClose(other!.eventFree, base[k]!.eventFree, { absolute: 1e-12 });
            base[k]!.incidence.forEach((x, j) => {
              expectClose(other!.incidence[j], x, { absolute: 1e-12 });
            });
          }
          // Copies drop zero-weight rows, whose times still count as curve times: compare where both exist.
          if (base[k] !== null && integer[k] !== null && base[k]!.eventFree > 0) {
            base[k]!.incidence.forEach((x, j) => {
              expectClose(integer[k]!.incidence[j], x, { absolute: 1e-12 });
            });
          }
        });
      }),
      { seed: 20250114, numRuns: 200 },
    );
  });

  it('gives the same values at the horizons when records beyond them are one censored row at +Infinity', () => {
    fc.assert(
      fc.property(records, ({ time, cause, weight }) => {
        const t = Float64Array.from(time);
        const c = Int8Array.from(cause);
        const w = Float64Array.from(weight);
        const horizons = [0, 3, 7.25, 12];
        const full = weightedCumulativeIncidence(t, c, w, horizons, { causeCount: 3 });
        const table = weightedEventTable(t, c, w, { causeCount: 3 });
        const keep = Array.from(table.time).filter((x) => x <= 12).length;
        if (keep === table.time.length) return;
        const width = 4;
        const collapsed = new Float64Array((keep + 1) * width);
        collapsed.set(table.weight.subarray(0, keep * width));
        for (let r = keep; r < table.time.length; r++) for (let col = 0; col < width; col++) collapsed[keep * width] += table.weight[r * width + col];
        const time2 = Float64Array.from([...table.time.subarray(0, keep), Infinity]);
        const got = weightedCumulativeIncidenceAt({ time: time2, weight: collapsed, causeCount: 3, firstEventTime: table.firstEventTime }, horizons);
        horizons.forEach((_h, k) => {
          expect(got[k] === null).toBe(full[k] === null);
          if (full[k] === null) return;
          expectClose(got[k]!.eventFree, full[k]!.eventFree, { absolute: 1e-12 });
          full[k]!.incidence.forEach((x, j) => {
            expectClose(got[k]!.incidence[j], x, { absolute: 1e-12 });
          });
        });
      }),
      { seed: 20250115, numRuns: 300 },
    );
  });

  it('adds up to 1 (event-free plus every cause) and never decreases', () => {
    fc.assert(
      fc.property(records, ({ time, cause, weight }) => {
        const at = weightedCumulativeIncidence(Float64Array.from(time), Int8Array.from(cause), Float64Array.from(weight), HORIZONS, { causeCount: 3 });
        let previous: WeightedIncidenceAtHorizon | null = null;
        for (const row of at) {
          if (row === null) continue;
          const total = row.eventFree + row.incidence.reduce((a, b) => a + b, 0);
          if (row.eventFree !== 0 || total !== 0) expectClose(total, 1, { absolute: 1e-12 });
          if (previous !== null)
            previous.incidence.forEach((x, j) => {
              expect(row.incidence[j]).toBeGreaterThanOrEqual(x - 1e-15);
            });
          previous = row;
        }
      }),
      { seed: 20250116, numRuns: 300 },
    );
  });

  it('rejects negative weights, as survfit does, and mismatched lengths', () => {
    expect(() => weightedEventTable(Float64Array.of(1, 2), Int8Array.of(1, 0), Float64Array.of(1, -1))).toThrow(/weight must be finite and >= 0/);
    expect(() => weightedEventTable(Float64Array.of(1, 2), Int8Array.of(1), Float64Array.of(1, 1))).toThrow(RangeError);
  });

  it('gives null for an empty table and non-finite horizons', () => {
    const empty = weightedCumulativeIncidence(new Float64Array(0), new Int8Array(0), new Float64Array(0), [1]);
    expect(empty).toEqual([null]);
    const at = weightedCumulativeIncidence(Float64Array.of(1, 2), Int8Array.of(1, 0), Float64Array.of(1, 1), [Number.NaN, Infinity, 2]);
    expect(at[0]).toBeNull();
    expect(at[1]).toBeNull();
    expect(at[2]!.incidence[0]).toBe(0.5);
  });
});
