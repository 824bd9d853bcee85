import type { Lang } from '../i18n.js';
import type { ReportModel } from '../model.js';
import { warningMessage } from '../warningCatalogue.js';

/**
 * The report model itself, two-space indented, keys in model order, with each
 * warning's message in the report's language (its code and params are the stable part).
 */
export function renderJsonReport(model: ReportModel, context: { lang: Lang }): string {
  return renderJson({ ...model, warnings: model.warnings.map((w) => ({ ...w, message: warningMessage(w, context.lang) })) });
}

/**
 * JSON: two-space indented, keys in the object's order.
 * Non-finite numbers can never reach the output: they become null.
 */
export function renderJson(model: unknown): string {
  return (
    JSON.stringify(model, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2) +
    '\n'
  );
}

export type { ReportModel };
