/**
 * memoryReleaser: a full collection that frees dead typed arrays before it returns,
 * offered only for large inputs.
 */
import { describe, expect, it } from 'vitest';
import { memoryReleaser } from '../../src/cli/releaseMemory.js';

describe('memoryReleaser', () => {
  it('is not offered below 100,000 persons', () => {
    expect(memoryReleaser(99_999)).toBeUndefined();
  });

  it('frees dead arrays before it returns, from 100,000 persons on', () => {
    const release = memoryReleaser(100_000);
    expect(typeof release).toBe('function');
    const before = process.memoryUsage().arrayBuffers;
    // Eight arrays of 16 MiB, dead when the function returns, as a stage's arrays are.
    const stage = () => {
      const arrays = Array.from({ length: 8 }, () => new Float64Array(2 ** 21).fill(1));
      return { sum: arrays.reduce((s, a) => s + a[0], 0), held: process.memoryUsage().arrayBuffers };
    };
    const { sum, held } = stage();
    expect(sum).toBe(8);
    expect(held - before).toBeGreaterThan(120 * 2 ** 20);
    release!();
    // Freed at once, not later on a background thread.
    expect(process.memoryUsage().arrayBuffers).toBeLessThan(before + 16 * 2 ** 20);
  });
});

describe('BuildOptions.release', () => {
  it('is called between the analyses and leaves the model as it is', async () => {
    const { ingestInto } = await import('../../src/ingest/index.js');
    const { TableBuilder } = await import('../../src/table/build.js');
    const { buildReport } = await import('../../src/report/build.js');
    const build = async (release?: () => void) => {
      const builder = new TableBuilder();
      const ingested = await ingestInto([new URL('../../data-samples/', import.meta.url).pathname], {}, builder);
      return buildReport(ingested, builder.finish(ingested.columnsPresent), { version: '0', seed: 7, release });
    };
    let calls = 0;
    const released = await build(() => calls++);
    // After withinCounsellor, adjusted and multinomial; within time to outcome between the two
    // groups' curves, before Gray's test, after the follow-up description and after Cox, and after
    // it; within the weighted difference's inputs once its persons are sorted by cluster, after its
    // inputs and its shared copy, and after it.
    expect(calls).toBe(12);
    expect(JSON.stringify(released)).toBe(JSON.stringify(await build()));
  });
});
