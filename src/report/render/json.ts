import type { ReportModel } from '../model.js';

/**
 * JSON renderer: the report model itself, two-space indented, keys in model order.
 * Non-finite numbers can never reach the output: they become null.
 */
export function renderJson(model: unknown): string {
  return (
    JSON.stringify(model, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2) +
    '\n'
  );
}

export type { ReportModel };
