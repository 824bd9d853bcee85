import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { FileSummary, IngestResult } from '../../src/ingest/index.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'ingest');
export const fixture = (...parts: string[]) => join(FIXTURES, ...parts);

const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/**
 * A valid identity number computed with the classic mod-11 control digits,
 * independent of the validator under test. `birth` is DDMMYY with any D/H/synthetic
 * offsets already applied; the first individual number from `individual` whose
 * control digits exist is used.
 */
export function identityNumber(birth: string, individual = 100): string {
  for (let n = individual; n < 1000; n++) {
    const nine = birth + String(n).padStart(3, '0');
    const d = [...nine].map(Number);
    let k1 = 11 - (d.reduce((s, x, i) => s + x * K1_WEIGHTS[i], 0) % 11);
    if (k1 === 11) k1 = 0;
    if (k1 === 10) continue;
    const ten = [...d, k1];
    let k2 = 11 - (ten.reduce((s, x, i) => s + x * K2_WEIGHTS[i], 0) % 11);
    if (k2 === 11) k2 = 0;
    if (k2 === 10) continue;
    return nine + String(k1) + String(k2);
  }
  throw new Error(`no identity number for ${birth}`);
}

/** rowsRead = rowsAccepted + rowsRejected + duplicateRows, overall and per file, and consistent sums. */
export function expectAccounting(result: IngestResult): void {
  const check = (s: Pick<FileSummary, 'rowsRead' | 'rowsAccepted' | 'rowsRejected' | 'duplicateRows'>, where: string) =>
    expect(s.rowsRead, `${where}: rowsRead = rowsAccepted + rowsRejected + duplicateRows (${s.rowsAccepted} + ${s.rowsRejected} + ${s.duplicateRows})`).toBe(
      s.rowsAccepted + s.rowsRejected + s.duplicateRows,
    );
  check(result, 'all files');
  for (const file of result.files) check(file, file.path);
  expect(result.records.length, 'records kept = rowsAccepted').toBe(result.rowsAccepted);
  expect(result.rejections.length, 'rejections listed = rowsRejected').toBe(result.rowsRejected);
  const sum = (key: 'rowsRead' | 'rowsAccepted' | 'rowsRejected' | 'duplicateRows') => result.files.reduce((t, f) => t + f[key], 0);
  expect(sum('rowsRead'), 'rowsRead summed over files').toBe(result.rowsRead);
  expect(sum('duplicateRows'), 'duplicateRows summed over files').toBe(result.duplicateRows);
}

export const bytes = (text: string) => new TextEncoder().encode(text);
