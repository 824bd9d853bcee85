import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/model.js';
import { runCli } from '../helpers/runCli.js';

const schema = JSON.parse(readFileSync('schema/report.schema.json', 'utf8'));
const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ allErrors: true, strict: false });
// RFC 3339 date-time, as Date.prototype.toISOString writes it (ajv-formats is not a dependency).
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
const validate = ajv.compile(schema);

/** Every top-level key of ReportModel; the compiler fails here when the model gains or loses one. */
const MODEL_KEYS: Record<keyof ReportModel, 'required' | 'optional'> = {
  schemaVersion: 'required',
  tool: 'required',
  generatedAt: 'optional',
  internal: 'required',
  banner: 'required',
  input: 'required',
  primary: 'required',
  groups: 'required',
  outcomes: 'required',
  workOrEducation: 'required',
  offices: 'required',
  stratified: 'required',
  adjusted: 'required',
  baseline: 'required',
  weighted: 'required',
  multinomial: 'required',
  withinCounsellor: 'required',
  officeEffects: 'required',
  sensitivity: 'required',
  timeToOutcome: 'required',
  missingOutcomeBounds: 'required',
  disclosureControl: 'required',
  warnings: 'required',
};

describe('schema/report.schema.json', () => {
  it('describes every top-level key of ReportModel and no other', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(MODEL_KEYS).sort());
    expect([...schema.required].sort()).toEqual(
      Object.keys(MODEL_KEYS)
        .filter((k) => MODEL_KEYS[k as keyof ReportModel] === 'required')
        .sort(),
    );
    expect(schema.additionalProperties).toBe(false);
  });

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
    // Internal: a published report leaves the rejected rows out.
    const run = await runCli(['report', 'tests/fixtures/ingest/rejections.csv', '--format', 'json', '--timestamp', '--max-rejected', '100', '--no-suppress']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.input.rejections.length).toBeGreaterThan(0);
    expect(validate(report)).toBe(true);
  });

  it('validates a published report whose stratified and adjusted results are withheld', async () => {
    const run = await runCli(['report', 'tests/fixtures/ingest/rejections.csv', '--format', 'json', '--max-rejected', '100']);
    const report = JSON.parse(run.stdout) as ReportModel;
    expect(report.disclosureControl.withheld).toEqual(expect.arrayContaining(['input.rejections', 'adjusted']));
    const ok = validate(report);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a report with a wrong type or an unknown key', async () => {
    const run = await runCli(['report', 'tests/fixtures/pipeline/tiny', '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(validate({ ...report, schemaVersion: 1 })).toBe(false);
    expect(validate({ ...report, groups: { ...report.groups, hybrid: { n: 'ten', outcomeMissing: 0 } } })).toBe(false);
    expect(validate({ ...report, extra: true })).toBe(false);
    expect(validate({ ...report, generatedAt: 'yesterday' })).toBe(false);
    expect(validate({ ...report, outcomes: { ...report.outcomes, fisherExact: { ...report.outcomes.fisherExact, method: 'guess' } } })).toBe(false);
    expect(validate({ ...report, offices: [{ ...report.offices[0], hybrid: { n: -1, positive: 0 } }] })).toBe(false);
  });
});
