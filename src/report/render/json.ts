import type { Lang } from '../i18n.js';
import { noticeMessage, rejectionMessage, skipMessage } from '../inputMessages.js';
import type { ReportModel } from '../model.js';
import { warningMessage } from '../warningCatalogue.js';

/**
 * The report model itself, two-space indented, keys in model order, with the message
 * of each warning, rejected row, skipped file and notice in the report's language
 * (their code and params are the stable part).
 */
export function renderJsonReport(model: ReportModel, context: { lang: Lang }): string {
  const lang = context.lang;
  const input = model.input;
  return renderJson({
    ...model,
    input: {
      ...input,
      skippedFiles: input.skippedFiles.map((s) => ({ ...s, message: skipMessage(s, lang) })),
      rejections: input.rejections.map((r) => ({ ...r, message: rejectionMessage(r, lang) })),
      notices: input.notices.map((n) => ({ ...n, message: noticeMessage(n, lang) })),
    },
    warnings: model.warnings.map((w) => ({ ...w, message: warningMessage(w, lang) })),
  });
}

/**
 * JSON: two-space indented, keys in the object's order.
 * Non-finite numbers can never reach the output: they become null.
 */
export function renderJson(model: unknown): string {
  return `${JSON.stringify(model, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}

export type { ReportModel };
