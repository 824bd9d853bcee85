import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/model.js';
import { reportFigures } from '../../src/report/render/figures.js';
import { buildTables } from '../../src/report/tables.js';
import { findTool, skipWithout } from '../helpers/debianTools.js';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

// Debian's libreoffice-writer-nogui (soffice) and poppler-utils (pdftotext, pdfimages).
const soffice = findTool([['soffice', '--version']]) !== undefined;
const poppler = findTool([['pdftotext', '-v']]) !== undefined && findTool([['pdfimages', '-v']]) !== undefined;
const skip = skipWithout(soffice && poppler, 'docxLibreOffice.test.ts', 'LibreOffice Writer (soffice) or poppler-utils');

/** A4 in points, and the 2.5 cm margins of src/report/render/docx.ts. */
const PAGE_WIDTH = 595.3;
const MARGIN = 1418 / 20;

describe.skipIf(skip)('docx opened in LibreOffice and printed to PDF (skipped without soffice and poppler, except in CI)', () => {
  it('shows every table and figure caption, the numbers, the four images, and nothing past the margins', async () => {
    expect(soffice, 'libreoffice-writer-nogui is installed by .ci/run').toBe(true);
    expect(poppler, 'poppler-utils is installed by .ci/run').toBe(true);
    const dir = tempDir('docx-pdf');
    const docx = join(dir, 'report.docx');
    const run = await runCli(['report', 'data-samples', '--format', 'docx', '--out', docx]);
    expect(run.code).toBe(0);
    // A profile of its own, so that a LibreOffice already running elsewhere is not asked to do it.
    execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {
      timeout: 150_000,
      stdio: 'ignore',
    });
    const pdf = join(dir, 'report.pdf');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, ' ');
    const lines = new Set(text.split('\n').map((l) => l.trim()));

    const model = JSON.parse((await runCli(['report', 'data-samples', '--format', 'json'])).stdout) as ReportModel;
    const doc = buildTables(model, { lang: 'en' });
    for (const table of doc.tables) expect(flat).toContain(`Table ${table.number}. ${table.title}`);
    const figures = reportFigures(model, doc, 'en');
    expect(figures.length).toBe(4);
    for (const figure of figures) expect(flat).toContain(`Figure ${figure.number}. ${figure.title}`);
    // The numbers of the outcome and work-or-education tables, each cell a line of its own.
    for (const id of ['outcomes', 'workOrEducation']) {
      const cells = doc.tables
        .find((t) => t.id === id)!
        .rows.flat()
        .map((c) => c.text)
        .filter((t) => t !== '');
      expect(cells.length).toBeGreaterThan(20);
      for (const cell of cells) expect(lines, `${id}: ${cell}`).toContain(cell);
    }

    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => /^\s*\d+\s+\d+\s+image\s/.test(l));
    expect(images.length).toBe(4);

    // Every word inside the text area: no table runs past the right margin.
    const words = [...execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' }).matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)];
    expect(words.length).toBeGreaterThan(1000);
    const outside = words.filter((w) => Number(w[1]) < MARGIN - 1 || Number(w[2]) > PAGE_WIDTH - MARGIN + 1).map((w) => w[0]);
    expect(outside).toEqual([]);
  }, 180_000);
});
