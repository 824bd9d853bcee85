/**
 * Aalen–Johansen cumulative incidence, checked against R survival 3.5.3
 * `survfit(Surv(time, factor(cause, 0:K)) ~ 1)` per group and `summary(fit, times =,
 * extend =)` at the horizons (tests/fixtures/r/competingRisks.R), and for identities:
 * Σ CIF + Kaplan–Meier of any event = 1, row order, monotonicity, intervals around p.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulativeIncidence, cumulativeIncidenceAt, type CumulativeIncidenceCurve } from '../../src/stats/cumulativeIncidence.js';
import { seededUniform } from '../../src/stats/random.js';
import { expectClose } from '../helpers/tolerance.js';

interface Band {
  estimate: (number | null)[];
  stdErr: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
}
interface AtHorizons {
  nRisk: (number | null)[];
  eventFree: (number | null)[];
  cif: Band[];
}
interface CurveReference {
  group: number;
  time: number[];
  nRisk: number[];
  nCensor: number[];
  nEvent: number[][];
  eventFree: number[];
  kmAllEvents: number[];
  cif: Band[];
  atHorizons: AtHorizons;
  atHorizonsExtended: AtHorizons;
}
interface Dataset {
  name: string;
  causeCount: number;
  time: number[];
  cause: number[];
  group: number[];
  curves: CurveReference[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/competingRisks.json', import.meta.url), 'utf8')) as {
  horizons: number[];
  datasets: Dataset[];
};

const ESTIMATE_TOL = 1e-9;
const CI_TOL = 1e-6;

/**
 * Every element within `tol` relative (an R value of 0 needs exactly 0 here); NA in R
 * (null) must be NaN or null here, and the other way round.
 */
function expectArrayClose(actual: ArrayLike<number | null>, reference: (number | null)[], tol: number, label: string): void {
  expect(actual.length, `${label}: length`).toBe(reference.length);
  for (let i = 0; i < reference.length; i++) {
    const a = actual[i];
    const r = reference[i];
    const missing = a === null || Number.isNaN(a);
    if (r === null || missing) expect(missing, `${label}[${i}]: value ${a}, R ${r}`).toBe(r === null);
    else expectClose(a, r, { relative: tol }, `${label}[${i}]`);
  }
}

function groupData(ds: Dataset, group: number): { time: Float64Array; cause: Int8Array } {
  const rows = ds.group.flatMap((g, i) => (g === group ? [i] : []));
  return { time: Float64Array.from(rows, (i) => ds.time[i]), cause: Int8Array.from(rows, (i) => ds.cause[i]) };
}

const cases = fixture.datasets.flatMap((ds) => ds.curves.map((ref) => ({ name: `${ds.name.slice(0, 2)} group ${ref.group}`, ds, ref })));

describe('cumulativeIncidence', () => {
  it.each(cases)('matches survfit at every time: $name', ({ ds, ref }) => {
    const { time, cause } = groupData(ds, ref.group);
    const curve = cumulativeIncidence(time, cause, { causeCount: ds.causeCount });
    expect(Array.from(curve.time)).toEqual(ref.time);
    expect(Array.from(curve.nRisk)).toEqual(ref.nRisk);
    expect(Array.from(curve.nCensor)).toEqual(ref.nCensor);
    expectArrayClose(curve.eventFree, ref.eventFree, ESTIMATE_TOL, 'event-free');
    curve.causes.forEach((c, j) => {
      expect(Array.from(c.nEvent)).toEqual(ref.nEvent[j]);
      expectArrayClose(c.estimate, ref.cif[j].estimate, ESTIMATE_TOL, `cause ${j + 1} estimate`);
      expectArrayClose(c.stdErr, ref.cif[j].stdErr, ESTIMATE_TOL, `cause ${j + 1} std.err`);
      expectArrayClose(c.ciLow, ref.cif[j].lower, CI_TOL, `cause ${j + 1} lower`);
      expectArrayClose(c.ciHigh, ref.cif[j].upper, CI_TOL, `cause ${j + 1} upper`);
    });
  });

  it.each(cases)('matches summary(fit, times) at the horizons, with and without extend: $name', ({ ds, ref }) => {
    const { time, cause } = groupData(ds, ref.group);
    const curve = cumulativeIncidence(time, cause, { causeCount: ds.causeCount });
    for (const [extend, want] of [
      [false, ref.atHorizons],
      [true, ref.atHorizonsExtended],
    ] as const) {
      const got = cumulativeIncidenceAt(curve, fixture.horizons, { extend });
      const label = extend ? 'extend' : 'no extend';
      // R drops a row exactly where this returns null.
      expect(
        got.map((h) => h === null),
        label,
      ).toEqual(want.nRisk.map((x) => x === null));
      const pick = <T>(f: (h: NonNullable<(typeof got)[number]>) => T) => got.map((h) => (h === null ? null : f(h)));
      expect(
        pick((h) => h.nRisk),
        label,
      ).toEqual(want.nRisk);
      expectArrayClose(
        pick((h) => h.eventFree),
        want.eventFree,
        ESTIMATE_TOL,
        `${label} event-free`,
      );
      want.cif.forEach((w, j) => {
        expectArrayClose(
          pick((h) => h.causes[j].estimate),
          w.estimate,
          ESTIMATE_TOL,
          `${label} cause ${j + 1} estimate`,
        );
        expectArrayClose(
          pick((h) => h.causes[j].stdErr),
          w.stdErr,
          ESTIMATE_TOL,
          `${label} cause ${j + 1} std.err`,
        );
        expectArrayClose(
          pick((h) => h.causes[j].ciLow),
          w.lower,
          CI_TOL,
          `${label} cause ${j + 1} lower`,
        );
        expectArrayClose(
          pick((h) => h.causes[j].ciHigh),
          w.upper,
          CI_TOL,
          `${label} cause ${j + 1} upper`,
        );
      });
    }
  });

  it.each(cases)('sums to 1 with the Kaplan–Meier of any event (R survfit): $name', ({ ds, ref }) => {
    const { time, cause } = groupData(ds, ref.group);
    const curve = cumulativeIncidence(time, cause, { causeCount: ds.causeCount });
    expectArrayClose(curve.eventFree, ref.kmAllEvents, ESTIMATE_TOL, 'event-free vs Kaplan–Meier');
    const total = ref.kmAllEvents.map((km, t) => km + curve.causes.reduce((s, c) => s + c.estimate[t], 0));
    for (const x of total) expectClose(x, 1, { absolute: 1e-12 });
  });

  it('is unchanged, bit for bit, by reordering rows', () => {
    const ds = fixture.datasets[0];
    const { time, cause } = groupData(ds, 0);
    const u = seededUniform(20250214);
    const order = Array.from(time, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(u() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const shuffled = cumulativeIncidence(
      Float64Array.from(order, (i) => time[i]),
      Int8Array.from(order, (i) => cause[i]),
    );
    expect(shuffled).toEqual(cumulativeIncidence(time, cause));
  });

  const personsArb = fc.array(fc.record({ day: fc.integer({ min: 0, max: 40 }), cause: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 60 });

  it('keeps its identities on random data: Σ CIF + event-free = 1, monotone, p inside its interval, row order (property)', () => {
    fc.assert(
      fc.property(personsArb, (rows) => {
        const time = Float64Array.from(rows, (r) => r.day);
        const cause = Int8Array.from(rows, (r) => r.cause);
        const curve = cumulativeIncidence(time, cause, { causeCount: 3 });
        const reversed = cumulativeIncidence(time.slice().reverse(), cause.slice().reverse(), { causeCount: 3 });
        expect(reversed).toEqual(curve);
        expect(curve.nRisk[0]).toBe(rows.length);
        for (let t = 0; t < curve.time.length; t++) {
          const sum = curve.causes.reduce((s, c) => s + c.estimate[t], curve.eventFree[t]);
          expectClose(sum, 1, { absolute: 1e-12 });
          for (const c of curve.causes) {
            if (t > 0) expect(c.estimate[t]).toBeGreaterThanOrEqual(c.estimate[t - 1]);
            expect(c.stdErr[t]).toBeGreaterThanOrEqual(0);
            if (c.estimate[t] === 0) expect(Number.isNaN(c.ciLow[t]) && Number.isNaN(c.ciHigh[t])).toBe(true);
            else expect(c.ciLow[t] <= c.estimate[t] && c.estimate[t] <= c.ciHigh[t] && c.ciHigh[t] <= 1).toBe(true);
          }
        }
      }),
      { seed: 20250214, numRuns: 200 },
    );
  });

  it('follows survfit on small edge cases', () => {
    // Censored at t are at risk for events at t: 2 events among 4 at time 1.
    const tie = cumulativeIncidence(Float64Array.of(1, 1, 1, 1), Int8Array.of(1, 1, 0, 0));
    expect(Array.from(tie.nRisk)).toEqual([4]);
    expect(tie.causes[0].estimate[0]).toBe(0.5);
    // No event at all: one curve per cause asked for, estimates 0, limits NaN (R: NA).
    const none = cumulativeIncidence(Float64Array.of(3, 5), Int8Array.of(0, 0), { causeCount: 2 });
    expect(none.causes).toHaveLength(2);
    expect(Array.from(none.causes[1].estimate)).toEqual([0, 0]);
    expect(Number.isNaN(none.causes[1].ciLow[0])).toBe(true);
    // No persons: an empty curve, and no row at any horizon.
    const empty = cumulativeIncidence(new Float64Array(0), new Int8Array(0), { causeCount: 1 });
    expect(empty.time).toHaveLength(0);
    expect(cumulativeIncidenceAt(empty, [1], { extend: true })).toEqual([null]);
  });

  it('evaluates the step function as summary.survfit does, in the order given', () => {
    const curve: CumulativeIncidenceCurve = cumulativeIncidence(Float64Array.of(2, 4, 4, 6), Int8Array.of(1, 0, 2, 1));
    const [beyond, origin, atEvent, between, nonFinite] = cumulativeIncidenceAt(curve, [7, 1, 2, 5, Number.NaN]);
    expect(beyond).toBeNull();
    expect(nonFinite).toBeNull();
    expect(origin).toEqual({ horizon: 1, nRisk: 4, eventFree: 1, causes: [0, 1].map(() => ({ estimate: 0, stdErr: 0, ciLow: 0, ciHigh: 0 })) });
    expect(atEvent?.causes[0].estimate).toBe(0.25);
    expect(atEvent?.nRisk).toBe(4);
    expect(atEvent?.causes[1].ciLow).toBeNull();
    expect(between?.nRisk).toBe(1);
    expect(between?.causes[1].estimate).toBe(0.25);
    expect(cumulativeIncidenceAt(curve, [7], { extend: true })[0]?.nRisk).toBe(0);
  });

  it('rejects invalid input', () => {
    expect(() => cumulativeIncidence(Float64Array.of(1), Int8Array.of(1, 0))).toThrow(RangeError);
    expect(() => cumulativeIncidence(Float64Array.of(-1), Int8Array.of(1))).toThrow(RangeError);
    expect(() => cumulativeIncidence(Float64Array.of(Number.NaN), Int8Array.of(1))).toThrow(RangeError);
    expect(() => cumulativeIncidence(Float64Array.of(1), Int8Array.of(-1))).toThrow(RangeError);
    expect(() => cumulativeIncidence(Float64Array.of(1), Int8Array.of(3), { causeCount: 2 })).toThrow(RangeError);
  });
});
