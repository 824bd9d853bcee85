import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';

const schema = JSON.parse(readFileSync('schema/report.schema.json', 'utf8'));
const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

describe('schema/report.schema.json', () => {
  for (const name of ['realistic', 'tiny', 'empty-strata', 'zero-cells', 'extreme']) {
    for (const flags of [[], ['--no-suppress']]) {
      it(`validates the report on ${name} ${flags.join(' ')}`, async () => {
        const run = await runCli(['report', `tests/fixtures/pipeline/${name}`, '--format', 'json', ...flags]);
        expect(run.code).toBe(0);
        const ok = validate(JSON.parse(run.stdout));
        expect(validate.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
      });
    }
  }

  it('validates a report with rejections and --timestamp', async () => {
    const run = await runCli(['report', 'tests/fixtures/ingest/rejections.csv', '--format', 'json', '--timestamp']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.input.rejections.length).toBeGreaterThan(0);
    expect(validate(report)).toBe(true);
  });

  it('rejects a report with a wrong type or an unknown key', async () => {
    const run = await runCli(['report', 'tests/fixtures/pipeline/tiny', '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(validate({ ...report, schemaVersion: 1 })).toBe(false);
    expect(validate({ ...report, groups: { ...report.groups, hybrid: { n: 'ten', outcomeMissing: 0 } } })).toBe(false);
    expect(validate({ ...report, extra: true })).toBe(false);
  });
});
