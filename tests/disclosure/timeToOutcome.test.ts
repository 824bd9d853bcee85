/**
 * Disclosure control of the time-to-outcome analyses (issue 13), checked on every
 * pilot against the unsuppressed report: what the published report shows must keep
 * the rules that suppressTimeToOutcome.ts states, read from the published numbers
 * alone — whole months; every step between published times of a group's event
 * rests on 0 or at least min-cell events, at least min-cell at risk, and an at-risk
 * count that falls by 0 or at least min-cell; the tail to Table 2's or 3's count
 * too; never one hidden cell in a line work or education = job + apprenticeship +
 * education; no count from 1 to min-cell − 1.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportModel, TimeToOutcomeEvent } from '../../src/report/model.js';
import { runCli } from '../helpers/runCli.js';

const root = 'tests/fixtures/pipeline';
const pilots = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const GROUPS = ['hybrid', 'usual'] as const;
const EVENTS: TimeToOutcomeEvent[] = ['workOrEducation', 'job', 'apprenticeship', 'education'];

async function report(pilot: string, args: string[]): Promise<ReportModel> {
  const run = await runCli(['report', join(root, pilot), '--format', 'json', ...args]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ReportModel;
}

describe.each(pilots)('time to outcome, published, on the %s pilot', (pilot) => {
  it.each([5, 3])('keeps every step rule with --min-cell %i', async (minCell) => {
    const [open, published] = await Promise.all([report(pilot, ['--no-suppress']), report(pilot, ['--min-cell', String(minCell)])]);
    const t = published.timeToOutcome;
    const small = (v: number | null) => v !== null && v >= 1 && v < minCell;
    const stepOk = (d: number) => d === 0 || d >= minCell;

    // No published count of persons from 1 to min-cell − 1.
    const counts = [
      ...GROUPS.flatMap((g) => [t.included[g], t.censored[g]]),
      ...t.excluded.flatMap((x) => [x.hybrid, x.usual]),
      ...t.cumulativeIncidence.flatMap((c) => [c.events, c.atRisk]),
      ...t.curves.flatMap((c) => c.points.flatMap((p) => [p.events, p.atRisk])),
    ];
    for (const c of counts) expect(small(c)).toBe(false);

    for (const g of GROUPS) {
      // The curve: whole months, steps on 0 or ≥ min-cell events, ≥ min-cell at risk, drops of 0 or ≥ min-cell.
      const points = t.curves.find((c) => c.group === g)!.points;
      const all = open.timeToOutcome.curves.find((c) => c.group === g)!.points;
      let before = { events: 0, atRisk: open.timeToOutcome.included[g]! };
      for (const p of points) {
        expect(Number.isInteger(p.month)).toBe(true);
        const truth = all.find((q) => q.month === p.month)!;
        expect(p.estimate).toBe(truth.estimate);
        if (p.month > 0) expect(truth.atRisk!).toBeGreaterThanOrEqual(minCell);
        expect(stepOk(truth.events! - before.events)).toBe(true);
        expect(stepOk(before.atRisk - truth.atRisk!)).toBe(true);
        before = { events: truth.events!, atRisk: truth.atRisk! };
      }
      const positives = published.workOrEducation[g].positive;
      if (positives !== null && points.length > 0 && points.at(-1)!.month > 0) expect(stepOk(positives - before.events)).toBe(true);

      // The horizon table: its work-or-education cells go with the curve's points.
      for (const e of EVENTS) {
        let shown = 0;
        for (const months of t.horizons) {
          const cell = t.cumulativeIncidence.find((c) => c.group === g && c.outcome === e && c.months === months)!;
          const truth = open.timeToOutcome.cumulativeIncidence.find((c) => c.group === g && c.outcome === e && c.months === months)!;
          if (e === 'workOrEducation') expect(cell.estimate !== null).toBe(points.some((p) => p.month === months));
          if (cell.estimate === null) continue;
          expect(cell.estimate).toBe(truth.estimate);
          expect(truth.atRisk!).toBeGreaterThanOrEqual(minCell);
          expect(stepOk(truth.events! - shown)).toBe(true);
          shown = truth.events!;
        }
      }
      // An outcome whose count Table 2 (3) hides or merges is not published over time: its
      // events by a time would bound the hidden count from below.
      for (const e of EVENTS) {
        const count =
          e === 'workOrEducation'
            ? published.workOrEducation[g].positive
            : published.outcomes.merged !== null && e !== 'job'
              ? null
              : published.outcomes.table[g][e];
        if (count !== null) continue;
        expect(t.cumulativeIncidence.filter((c) => c.group === g && c.outcome === e).every((c) => c.estimate === null && c.events === null)).toBe(true);
        if (e === 'workOrEducation') expect(points).toEqual([]);
      }
      // Never exactly one hidden cell where the four could be estimated.
      for (const months of t.horizons) {
        const line = EVENTS.map((e) => ({
          open: open.timeToOutcome.cumulativeIncidence.find((c) => c.group === g && c.outcome === e && c.months === months)!,
          shown: t.cumulativeIncidence.find((c) => c.group === g && c.outcome === e && c.months === months)!,
        })).filter((x) => x.open.estimate !== null);
        expect(line.filter((x) => x.shown.estimate === null).length).not.toBe(1);
      }
    }
  });
});

describe('time to outcome: one person’s event date', () => {
  it('is not revealed when one hybrid user reaches work long before the others', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'hybrid-eval-one-date-'));
    const rows = ['person_id,office,counsellor_id,group,outcome,age,gender,prior_work,start_date,end_date'];
    const day = (d: number) => new Date(Date.UTC(2023, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 400; i++) {
      const hybrid = i < 60;
      // One hybrid user in work after 20 days; the other hybrid users' outcomes come after 8 months.
      const end = i === 0 ? 20 : hybrid ? 250 + (i % 40) * 5 : 30 + (i % 90) * 5;
      const outcome = i === 0 ? 'job' : ['job', 'none', 'education', 'none'][i % 4];
      rows.push(
        `P${i},NAV Test${i % 2},V${i % 10},${hybrid ? 'hybrid' : 'usual'},${outcome},${20 + (i % 30)},${i % 2 ? 'F' : 'M'},${i % 3 ? 1 : 0},${day(0)},${day(end)}`,
      );
    }
    writeFileSync(join(dir, 'export.csv'), `${rows.join('\n')}\n`);
    const run = await runCli(['report', join(dir, 'export.csv'), '--format', 'json']);
    const t = (JSON.parse(run.stdout) as ReportModel).timeToOutcome;
    const hybrid = t.curves.find((c) => c.group === 'hybrid')!.points;
    // Months 1 to 7 would each show the one early event: none of them is published.
    expect(hybrid.filter((p) => p.month >= 1 && p.month <= 7)).toEqual([]);
    expect(hybrid.every((p) => p.events === 0 || p.events! >= 5)).toBe(true);
    for (const c of t.cumulativeIncidence.filter((x) => x.group === 'hybrid' && x.months <= 6)) {
      expect(c.estimate === null || c.estimate === 0).toBe(true);
    }
  });
});
