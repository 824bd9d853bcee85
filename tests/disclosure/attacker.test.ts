import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { officeFile } from './pilots.js';
import { attack, attackWithChiSquare, disclosed, pearsonChiSquare, type PublishedReport } from './attacker.js';

// The attacker is checked on reports hidden by hand here, not by the tool's own
// suppression: a count whose margins are all published must be recovered exactly,
// and two counts that only their sum ties must stay undetermined.
const pilot = 'tests/fixtures/pipeline/realistic';

async function internalReport(): Promise<PublishedReport> {
  const run = await runCli(['report', pilot, '--format', 'json', '--no-suppress']);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as PublishedReport;
}

/** The attacker's knowledge of which office a file holds: its name, as written. */
function officeOfFile(report: PublishedReport) {
  return (path: string) => report.offices.map((o) => o.office).find((o) => path.endsWith(officeFile(o)));
}

describe('the disclosure attacker', () => {
  it('recovers a count hidden alone in its row and column, from the other cells and the totals', async () => {
    const internal = await internalReport();
    const published = structuredClone(internal);
    published.outcomes.table.hybrid.apprenticeship = null;
    published.outcomes.byLevel.apprenticeship.hybrid = { count: null, proportion: null };
    const bounds = await attack(published, internal, officeOfFile(internal));
    expect(bounds).toEqual([
      {
        cell: 'outcome.hybrid.apprenticeship',
        truth: internal.outcomes.table.hybrid.apprenticeship,
        min: internal.outcomes.table.hybrid.apprenticeship,
        max: internal.outcomes.table.hybrid.apprenticeship,
      },
    ]);
    expect(disclosed(bounds, 5)).toHaveLength(1);
  });

  it('recovers a group total hidden everywhere from a published proportion and its count (the baseline channel)', async () => {
    const internal = await internalReport();
    const published = structuredClone(internal);
    published.groups.hybrid = { n: null, outcomeMissing: null };
    for (const row of published.baseline) row.hybrid.n = null;
    // Files and offices would give the total away by themselves; leave only the baseline.
    published.input.files = [];
    const bounds = await attack(published, internal, () => undefined);
    const total = bounds.find((b) => b.cell === 'total.hybrid')!;
    expect([total.min, total.max]).toEqual([internal.groups.hybrid.n, internal.groups.hybrid.n]);
  });

  it('leaves two counts undetermined when only their sum is published', async () => {
    const internal = await internalReport();
    const published = structuredClone(internal);
    for (const o of ['job', 'apprenticeship'] as const) {
      for (const g of ['hybrid', 'usual'] as const) {
        published.outcomes.table[g][o] = null;
        published.outcomes.byLevel[o][g] = { count: null, proportion: null };
      }
    }
    // Offices publish positives only (job + apprenticeship + education), so job and
    // apprenticeship are tied by their sums alone.
    const bounds = await attack(published, internal, officeOfFile(internal));
    expect(bounds).toHaveLength(4);
    for (const b of bounds) {
      expect(b.min).toBeLessThanOrEqual(b.truth);
      expect(b.max).toBeGreaterThanOrEqual(b.truth);
      expect(b.max - b.min).toBeGreaterThanOrEqual(Math.min(internal.outcomes.table.hybrid.job!, internal.outcomes.table.hybrid.apprenticeship!));
    }
    expect(disclosed(bounds, 5)).toEqual([]);
  });

  it("computes Pearson's chi-square as the report does (which equals R's chisq.test)", async () => {
    const internal = (await internalReport()) as PublishedReport & { outcomes: { chiSquare: { statistic: number; df: number } } };
    const table = (['hybrid', 'usual'] as const).map((g) =>
      (['job', 'apprenticeship', 'education', 'none'] as const).map((o) => internal.outcomes.table[g][o]!),
    );
    const got = pearsonChiSquare(table);
    expect(got.df).toBe(internal.outcomes.chiSquare.df);
    expect(Math.abs(got.statistic - internal.outcomes.chiSquare.statistic)).toBeLessThan(1e-9 * internal.outcomes.chiSquare.statistic);
  });

  it('pins two counts that only their sum ties, from the published chi-square', async () => {
    const internal = await internalReport();
    const published = structuredClone(internal);
    for (const o of ['apprenticeship', 'education'] as const) {
      published.outcomes.table.hybrid[o] = null;
      published.outcomes.byLevel[o].hybrid = { count: null, proportion: null };
    }
    const officeOf = officeOfFile(internal);
    const linear = await attack(published, internal, officeOf);
    expect(linear.every((b) => b.max > b.min)).toBe(true);
    const withChi = await attackWithChiSquare(published, internal, officeOf);
    expect(withChi.map((b) => [b.cell, b.min, b.max])).toEqual(
      (['apprenticeship', 'education'] as const).map((o) => [`outcome.hybrid.${o}`, internal.outcomes.table.hybrid[o], internal.outcomes.table.hybrid[o]]),
    );
  });
});
