import type { Outcome } from '../ingest/types.js';

/**
 * The evaluation's binary outcome. Work or education = job, apprenticeship or
 * education (outcome index 0, 1 or 2 in the table's order); `none` (3) is negative.
 */
export function isWorkOrEducation(outcome: Outcome | number): boolean {
  return outcome === 'job' || outcome === 'apprenticeship' || outcome === 'education' || outcome === 0 || outcome === 1 || outcome === 2;
}

/** Index of `none` among the registered outcomes. */
export const NONE = 3;

/** [hybrid positive, hybrid none, usual positive, usual none] from a registered 2 × 4 table (rows hybrid, usual). */
export function workOrEducationTable(registered: number[][]): [number, number, number, number] {
  const positive = (row: number[]) => row[0] + row[1] + row[2];
  return [positive(registered[0]), registered[0][NONE], positive(registered[1]), registered[1][NONE]];
}
