import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/model.js';
import { buildTables } from '../../src/report/tables.js';
import { needs, norwegianLibreOffice, pdftotext, soffice } from '../helpers/debianTools.js';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

// The workbook printed: LibreOffice Calc (Debian's libreoffice-calc-nogui) converts it
// to PDF, and pdftotext (poppler-utils) reads the pages back. Skipped with a note
// without them; in CI (CI=true) a missing tool fails.

describe.runIf(needs('xlsxPdf.test.ts', { 'libreoffice-calc-nogui': soffice, 'poppler-utils': pdftotext }))('xlsx printed by LibreOffice Calc', () => {
  it('prints each table whole: a row and all its columns on one line of one page, with decimal commas', async () => {
    expect(soffice, 'libreoffice-calc-nogui (Debian), installed by .ci/run').toBeDefined();
    expect(pdftotext, 'poppler-utils (Debian), installed by .ci/run').toBeDefined();
    const pilot = 'data-samples';
    const dir = tempDir('xlsx-pdf');
    const file = join(dir, 'report.xlsx');
    expect((await runCli(['report', pilot, '--format', 'xlsx', '--lang', 'nb', '--out', file])).code).toBe(0);
    const model = JSON.parse((await runCli(['report', pilot, '--format', 'json'])).stdout) as ReportModel;
    const doc = buildTables(model, { lang: 'nb' });
    const converted = spawnSync(soffice!, [norwegianLibreOffice(), '--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(converted.status, converted.stderr).toBe(0);
    const text = spawnSync(pdftotext!, ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    const normal = (s: string) => s.replace(/[\u00a0\u2009\u202f]/g, ' ').replace(/\u2212/g, '-');
    const pages = normal(text.stdout).split('\f');
    for (const table of doc.tables) {
      // Scaled to the page's width, a table starts on a page of its own and keeps its columns there.
      const page = pages.find((p) => p.trimStart().startsWith(`Tabell ${table.number}. `));
      expect(page, `Tabell ${table.number} starts a page`).toBeDefined();
      for (const row of table.rows) {
        const label = normal(row[0].text);
        // The numbers of the row as the Norwegian report writes them ("22,9", "1 563", "< 0,001").
        // (As many as the cell has statistics: "21,51 (1 fg)" holds one, the 1 is a label.)
        const numbers = row
          .slice(1)
          .flatMap((cell) =>
            cell.values === undefined || cell.text === ':'
              ? []
              : (normal(cell.text).match(/(?:< )?-?\d{1,3}(?: \d{3})+(?:,\d+)?|(?:< )?-?\d+(?:,\d+)?/g) ?? []).slice(
                  0,
                  cell.values.filter(([, v]) => v !== null).length,
                ),
          );
        if (label === '' || numbers.length === 0) continue;
        const line = page!.split('\n').find((l) => l.trimStart().startsWith(label));
        expect(line, `Tabell ${table.number}: a line for "${label}"`).toBeDefined();
        let at = 0;
        for (const n of numbers) {
          const found = line!.indexOf(n, at);
          expect(found, `Tabell ${table.number}, "${label}": ${n} after column ${at} in ${JSON.stringify(line)}`).toBeGreaterThanOrEqual(0);
          at = found + n.length;
        }
      }
    }
    expect(readFileSync(join(dir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 240_000);
});
