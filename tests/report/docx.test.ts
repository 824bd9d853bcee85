import { spawnSync } from 'node:child_process';
import { rejectedField, rejectionMessage } from '../../src/report/inputMessages.js';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { SUPPRESSED, UNDEFINED } from '../../src/report/format.js';
import type { Lang } from '../../src/report/i18n.js';
import type { ReportModel } from '../../src/report/model.js';
import { renderDocx } from '../../src/report/render/docx.js';
import { reportFigures } from '../../src/report/render/figures.js';
import { buildTables, type ReportDocument } from '../../src/report/tables.js';
import { findTool, skipWithout } from '../helpers/debianTools.js';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pilot = 'data-samples';

/** What python-docx reads back (tests/report/docxReadBack.py). */
type Block = { kind: 'paragraph'; style: string | null; text: string; images: number } | { kind: 'table'; rows: string[][]; repeatHeader: boolean[] };
interface ReadBack {
  body: Block[];
  header: string[];
  inlineShapes: number;
  media: Record<string, number>;
  created: string | null;
  modified: string | null;
  zipTimes: string[];
}

// Debian's python3-docx, for /usr/bin/python3 (another python3 may come first on PATH).
const python = findTool([
  ['python3', '-c', 'import docx'],
  ['/usr/bin/python3', '-c', 'import docx'],
])?.[0];
const skip = skipWithout(python !== undefined, 'docx.test.ts', 'python3-docx');

function readBack(bytes: Uint8Array): ReadBack {
  expect(python, 'python3-docx is installed by .ci/run').toBeDefined();
  const file = join(tempDir('docx'), 'report.docx');
  writeFileSync(file, bytes);
  const run = spawnSync(python!, [join(root, 'tests/report/docxReadBack.py'), file], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as ReadBack;
}

const models = new Map<string, Promise<ReportModel>>();
/** The report model as the CLI makes it (one run per pilot and flags). */
function model(path: string, flags: string[] = []): Promise<ReportModel> {
  const key = [path, ...flags].join(' ');
  if (!models.has(key)) {
    models.set(
      key,
      runCli(['report', path, '--format', 'json', ...flags]).then((run) => {
        expect(run.code).toBe(0);
        return JSON.parse(run.stdout) as ReportModel;
      }),
    );
  }
  return models.get(key)!;
}

/**
 * The whole body, block by block, against the report document: title, banner, summary,
 * selection note; each table's caption, header and every cell's text, repeated header
 * row, footnotes, and the figures after it; the notes, rejected rows, warnings, banner.
 * Nothing else may be there.
 */
function expectWholeReport(read: ReadBack, m: ReportModel, doc: ReportDocument): void {
  const body = read.body;
  let at = 0;
  const paragraph = (style: string, text: string) => {
    const block = body[at++];
    expect(block, `block ${at - 1}`).toMatchObject({ kind: 'paragraph', style, text });
  };
  paragraph('Heading 1', doc.title);
  if (doc.banner !== null) paragraph('Normal', doc.banner);
  paragraph('Normal', doc.summary);
  paragraph('Normal', doc.notes[0]);
  const figures = reportFigures(m, doc, doc.lang);
  for (const table of doc.tables) {
    paragraph('Caption', `${doc.words.table} ${table.number}. ${table.title}`);
    const block = body[at++];
    expect(block.kind, `table ${table.number}`).toBe('table');
    if (block.kind !== 'table') return;
    expect(block.rows, `table ${table.number}`).toEqual([table.head, ...table.rows.map((row) => row.map((cell) => cell.text))]);
    expect(block.repeatHeader, `table ${table.number}: only its header row repeats`).toEqual([true, ...table.rows.map(() => false)]);
    for (const note of table.footnotes) paragraph('Table footnote', note);
    for (const figure of figures.filter((f) => f.after === table.id)) {
      paragraph('Caption', `${figure.label} ${figure.number}. ${figure.title}`);
      expect(body[at++], `figure ${figure.number}`).toMatchObject({ kind: 'paragraph', text: '', images: 1 });
    }
  }
  if (doc.notes.length > 1) {
    paragraph('Heading 2', doc.words.notes);
    for (const note of doc.notes.slice(1)) paragraph('Normal', note);
  }
  const rejections = m.input.rejections;
  if (rejections.length > 0) {
    paragraph('Heading 2', `${doc.words.rejectedRows} (${rejections.length})`);
    for (const r of rejections.slice(0, 20)) {
      paragraph(
        'Rejected row',
        `${r.file}:${r.line}${r.field === null ? '' : ` [${rejectedField(r.field, doc.lang)}]`} ${r.code}: ${rejectionMessage(r, doc.lang)}`,
      );
    }
    if (rejections.length > 20) paragraph('Normal', doc.words.moreRejectedRows(rejections.length - 20));
  }
  if (doc.warnings.length > 0) {
    paragraph('Heading 2', doc.words.warnings);
    for (const warning of doc.warnings) paragraph('Normal', warning);
  }
  if (doc.banner !== null) paragraph('Normal', doc.banner);
  expect(at).toBe(body.length);
  expect(read.inlineShapes).toBe(figures.length);
  expect(read.media).toEqual({ 'image/svg+xml': figures.length, 'image/png': figures.length });
}

/** Cells whose statistics are all unknown show ":" (suppressed) or "–" (undefined); an interval of unknown bounds is left empty. */
function expectUnknownCellsMarked(doc: ReportDocument): number {
  let unknown = 0;
  for (const table of doc.tables) {
    for (const cell of table.rows.flat()) {
      if (cell.values === undefined || cell.values.length === 0 || cell.values.some(([, v]) => v !== null)) continue;
      unknown += 1;
      const onlyBounds = cell.values.every(([statistic]) => statistic === 'ciLow' || statistic === 'ciHigh');
      expect([SUPPRESSED, UNDEFINED, ...(onlyBounds ? [''] : [])], `table ${table.number}: ${JSON.stringify(cell)}`).toContain(cell.text);
    }
  }
  return unknown;
}

const cellTexts = (read: ReadBack) => read.body.flatMap((b) => (b.kind === 'table' ? b.rows.slice(1).flat() : []));

describe.skipIf(skip)('docx read back by python-docx (skipped without python3-docx, except in CI)', () => {
  for (const suppress of [true, false]) {
    for (const lang of ['en', 'nb', 'nn'] as Lang[]) {
      it(`holds the whole report, cell for cell: ${lang}, ${suppress ? 'suppressed' : 'unsuppressed (INTERNAL)'}`, async () => {
        const m = await model(pilot, suppress ? [] : ['--no-suppress']);
        const doc = buildTables(m, { lang });
        const read = readBack(await renderDocx(m, doc, { lang, colourLevel: 0 }));
        expect(doc.tables.length).toBe(10);
        expectWholeReport(read, m, doc);
        const unknown = expectUnknownCellsMarked(doc);
        if (suppress) {
          expect(doc.banner).toBeNull();
          expect(unknown).toBeGreaterThan(0);
          expect(cellTexts(read)).toContain(SUPPRESSED);
        } else {
          expect(doc.banner).not.toBeNull();
          expect(read.header).toEqual([doc.banner]);
          expect(cellTexts(read)).not.toContain(SUPPRESSED);
        }
      });
    }
  }

  it('lists 20 rejected rows and says how many more, and the warnings, in the report language', async () => {
    const m = structuredClone(await model('tests/fixtures/pipeline/tiny', ['--no-suppress']));
    m.input.rejections = Array.from({ length: 23 }, (_, i) => ({
      file: 'kontor.csv',
      line: i + 2,
      field: i % 2 === 0 ? 'outcome' : null,
      code: 'UNKNOWN_OUTCOME' as const,
      params: { column: { header: 'utfall', position: 4, beyondHeader: false }, label: `x${i}` },
      message: `column "utfall": outcome label "x${i}" is not known`,
    }));
    const doc = buildTables(m, { lang: 'nn' });
    expect(doc.warnings.length).toBeGreaterThan(0);
    const read = readBack(await renderDocx(m, doc, { lang: 'nn', colourLevel: 0 }));
    expectWholeReport(read, m, doc);
    const texts = read.body.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(texts).toContain('Avviste rader (23)');
    expect(texts).toContain('… 3 til (hybrid-eval validate viser alle)');
    expect(texts).toContain(`kontor.csv:2 [${rejectedField('outcome', 'nn')}] UNKNOWN_OUTCOME: ${rejectionMessage(m.input.rejections[0], 'nn')}`);
    expect(texts.join('\n')).not.toContain('is not known');
  });

  it('dates the document 1980-01-01 without --timestamp, and at generatedAt with it', async () => {
    const m = await model(pilot);
    const doc = buildTables(m, { lang: 'en' });
    const plain = readBack(await renderDocx(m, doc, { lang: 'en', colourLevel: 0 }));
    expect([plain.created, plain.modified, plain.zipTimes]).toEqual(['1980-01-01T00:00:00', '1980-01-01T00:00:00', ['1980-01-01T00:00:00']]);
    const stamped = readBack(await renderDocx({ ...m, generatedAt: '2024-05-06T07:08:09.123Z' }, doc, { lang: 'en', colourLevel: 0 }));
    // A zip entry's time has a two-second resolution.
    expect([stamped.created, stamped.modified, stamped.zipTimes]).toEqual(['2024-05-06T07:08:09', '2024-05-06T07:08:09', ['2024-05-06T07:08:08']]);
  });
});

describe('docx bytes', () => {
  it('are the same for the same report, rendered twice in one process', async () => {
    const m = await model(pilot);
    const doc = buildTables(m, { lang: 'nb' });
    const a = await renderDocx(m, doc, { lang: 'nb', colourLevel: 0 });
    const b = await renderDocx(m, doc, { lang: 'nb', colourLevel: 0 });
    expect(a.length).toBeGreaterThan(50_000);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('are the same from two runs of the installed command, and the same as from the sources', async () => {
    expect(existsSync(join(root, 'dist/bundle/docx.cjs')), 'npm test builds dist/bundle first').toBe(true);
    const dir = tempDir('docx-bytes');
    const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    const launch = (out: string) => {
      const run = spawnSync(process.execPath, [join(root, 'bin/hybrid-eval.cjs'), 'report', pilot, '--format', 'docx', '--out', out], {
        cwd: root,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC' },
      });
      expect(run.stderr).toBe(`hybrid-eval: report written to ${out}\n`);
      expect(run.status).toBe(0);
      return sha(out);
    };
    const first = launch(join(dir, 'a.docx'));
    expect(launch(join(dir, 'b.docx'))).toBe(first);
    const source = await runCli(['report', pilot, '--format', 'docx', '--out', join(dir, 'c.docx')]);
    expect(source.code).toBe(0);
    expect(sha(join(dir, 'c.docx'))).toBe(first);
  }, 120_000);

  it('are kept out of the main bundle: only --format docx loads the Word library', () => {
    const main = readFileSync(join(root, 'dist/bundle/main.cjs'), 'utf8');
    const apart = readFileSync(join(root, 'dist/bundle/docx.cjs'), 'utf8');
    for (const marker of ['w:tblHeader', 'resvg']) {
      expect(apart).toContain(marker);
      expect(main).not.toContain(marker);
    }
    expect(main).toContain('docx.cjs');
  });

  it('are written to a pipe, but refused to a terminal without --out', async () => {
    const run = async (stdoutIsTTY: boolean) => {
      const out: Array<string | Uint8Array> = [];
      let err = '';
      const io: Io = {
        stdout: (d) => void out.push(d),
        stderr: (t) => {
          err += t;
        },
        stdoutIsTTY,
        stderrIsTTY: false,
        env: { NO_COLOR: '1', TZ: 'UTC' },
        cwd: root,
      };
      return { code: await main(['report', pilot, '--format', 'docx'], io), out, err };
    };
    const terminal = await run(true);
    expect(terminal.code).toBe(2);
    expect(terminal.out).toEqual([]);
    expect(terminal.err).toContain('--format docx writes a binary file, which a terminal cannot show: add --out report.docx');
    const pipe = await run(false);
    expect(pipe.code).toBe(0);
    expect(pipe.out.length).toBe(1);
    expect(pipe.out[0]).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(pipe.out[0] as Uint8Array).subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
  });
});
