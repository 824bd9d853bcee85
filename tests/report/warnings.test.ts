import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOTICE_CODES, REJECTION_CODES, SKIP_CODES } from '../../src/ingest/types.js';
import { noticeMessage, rejectionMessage, skipMessage } from '../../src/report/inputMessages.js';
import type { InputBlock } from '../../src/report/inputBlock.js';
import { WARNING_CODES } from '../../src/report/warningCatalogue.js';
import { runCli } from '../helpers/runCli.js';

const schema = JSON.parse(readFileSync('schema/report.schema.json', 'utf8'));
const input = schema.properties.input.properties;

/** The codes whose params the schema shapes, in order (allOf: if code, then params). */
const shapedCodes = (items: { allOf: Array<{ if: { properties: { code: { const: string } } } }> }) => items.allOf.map((c) => c.if.properties.code.const);

describe('the catalogues and the schema', () => {
  it('lists every warning code of the catalogue, in its order', () => {
    expect(schema.properties.warnings.items.properties.code.enum).toEqual(WARNING_CODES);
  });

  it('lists every rejection, skip and notice code (tests/report/inputAccounting.test.ts), and shapes the params of each', () => {
    expect(input.rejections.items.properties.code.enum).toEqual([...REJECTION_CODES]);
    expect(input.skippedFiles.items.properties.code.enum).toEqual([...SKIP_CODES]);
    expect(input.notices.items.properties.code.enum).toEqual([...NOTICE_CODES]);
    expect(shapedCodes(input.rejections.items)).toEqual([...REJECTION_CODES]);
    expect(shapedCodes(input.skippedFiles.items)).toEqual([...SKIP_CODES]);
    expect(shapedCodes(input.notices.items)).toEqual([...NOTICE_CODES]);
  });
});

describe('input messages', () => {
  it("in English are ingest's own messages (validate, --rejects), written from the same params", async () => {
    const checked: string[] = [];
    for (const path of [
      'tests/fixtures/ingest/rejections.csv',
      'tests/fixtures/ingest/malformed.csv',
      'tests/fixtures/ingest/folder',
      'tests/fixtures/ingest/duplicates',
    ]) {
      const run = await runCli(['validate', path, '--format', 'json', '--max-rejected', '100']);
      const block = (JSON.parse(run.stdout) as { input: InputBlock }).input;
      for (const r of block.rejections) expect(rejectionMessage(r, 'en')).toBe(r.message);
      for (const s of block.skippedFiles) expect(skipMessage(s, 'en')).toBe(s.message);
      for (const n of block.notices) expect(noticeMessage(n, 'en')).toBe(n.message);
      checked.push(...block.rejections.map((r) => r.code), ...block.skippedFiles.map((s) => s.code), ...block.notices.map((n) => n.code));
    }
    expect(new Set(checked)).toEqual(
      new Set([
        'REQUIRED_EMPTY',
        'UNKNOWN_GROUP',
        'UNKNOWN_OUTCOME',
        'MALFORMED_CSV',
        'CONFLICTING_ID',
        'HIDDEN',
        'LOCK_FILE',
        'NOT_A_DATA_FILE',
        'INVALID_AGE',
        'INVALID_DATE',
        'UNKNOWN_GENDER',
        'UNKNOWN_PRIOR_WORK',
        'ID_IN_SEVERAL_OFFICES',
      ]),
    );
  });

  it('say in English what they said before they had params (the messages of commit 7a7d223)', async () => {
    const run = await runCli([
      'validate',
      'tests/fixtures/ingest/malformed.csv',
      'tests/fixtures/ingest/rejections.csv',
      '--format',
      'json',
      '--max-rejected',
      '100',
    ]);
    const messages = (JSON.parse(run.stdout) as { input: InputBlock }).input.rejections.map((r) => `${r.code}: ${r.message}`);
    expect(messages).toEqual([
      'MALFORMED_CSV: a quoted field starting on this line is followed by other characters after its closing quote (an unbalanced quote?); the line was skipped and reading resumed on the next line',
      'MALFORMED_CSV: a quoted field is opened on this line and never closed; the line was skipped and reading resumed on the next line',
      'REQUIRED_EMPTY: column "person_id": required person_id is empty',
      'REQUIRED_EMPTY: column "office": required office is empty',
      'REQUIRED_EMPTY: column "group": required group is empty',
      'UNKNOWN_GROUP: column "group": group label "placebo" is not known (expected hybrid or usual, a built-in synonym, or one added with --mapping)',
      'UNKNOWN_OUTCOME: column "outcome": outcome label "retired" is not known (expected job, apprenticeship, education, none, or empty when not registered, a built-in synonym, or one added with --mapping)',
    ]);
  });
});
