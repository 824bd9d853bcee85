import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { INPUT_MESSAGES } from '../../src/report/inputMessages.js';
import { WORDS } from '../../src/report/i18n.js';
import { TIME_WORDS } from '../../src/report/i18nTime.js';
import { NOTICE_CODES, REJECTION_CODES } from '../../src/ingest/types.js';
import { WARNING_CODES, WARNING_TEMPLATES, warningMessage, type WarningCode } from '../../src/report/warningCatalogue.js';
import type { ReportModel } from '../../src/report/model.js';
import { CHART_WORDS } from '../../src/report/render/figures.js';
import { findTool, needs } from '../helpers/debianTools.js';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';
import { texts, timeSamples, wordSamples } from './dictionarySamples.js';
import { ENGLISH_ONLY, englishWords } from './englishWords.js';
import { NOTICE_SAMPLES, REJECTION_SAMPLES, SKIP_SAMPLES, WARNING_SAMPLES } from './messageSamples.js';

/**
 * `--lang nn` (and nb) output, in every format, holds no English word outside proper
 * names, method names and what is not prose (codes, paths, options, identifiers, model
 * formulas, values quoted from the input; see englishWords.ts). Pilots that make many
 * warnings, rejected rows, skipped files and notices are rendered through the real CLI.
 */

/** A folder of small exports with every kind of input accounting the report can show. */
async function accountingPilot(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'no-english-'));
  const header = 'person_id,office,counsellor_id,group,outcome,age,gender,prior_work,start_date,end_date';
  const outcomes = ['job', 'none', 'education', 'apprenticeship', 'none', 'job', ''];
  const rows = (office: string, prefix: string, n: number) =>
    Array.from({ length: n }, (_, k) => {
      const group = k % 3 === 0 ? 'hybrid' : 'usual';
      return `${prefix}${k},${office},V${prefix}${k % 4},${group},${outcomes[k % outcomes.length]},${20 + (k % 30)},${k % 2 === 0 ? 'F' : 'M'},${k % 2},2022-0${1 + (k % 9)}-01,2023-0${1 + (k % 9)}-15`;
    });
  writeFileSync(
    join(dir, 'nav-a.csv'),
    [
      'Uttrekk frå fagsystemet, mars 2023',
      header,
      ...rows('NAV A', 'A', 40),
      ...rows('Nav a', 'L', 6),
      'A900,NAV A,VA1,hybrid,job,30,F,1,2022-01-01,2022-06-01,extra,fields',
      'A901,NAV A,VA1,hybrid,job,30,F,1,2022-01-01,2022-06-01',
      'A901,NAV A,VA1,usual,none,31,M,0,2022-01-01,2022-06-01',
      'A902,"NAV A,hybrid,job,30,F,1,2022-01-01,2022-06-01',
      'A903,NAV A,VA1,hybrid,job,130,X,kanskje,31.02.2022,2022-06-01',
      ',NAV A,VA1,usual,job,30,F,1,,',
      'A905,NAV A,VA1,pilot,job,30,F,1,,',
      'A906,NAV A,VA1,usual,pensjonert,30,F,1,,',
      // More than the text report lists (20), so that it says how many more.
      ...Array.from({ length: 15 }, (_, k) => `A${910 + k},NAV B,VA1,kontroll-2,job,30,F,1,,`),
      'Sum,,,,,,,,,',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'nav-b.csv'), [header, ...rows('NAV B', 'B', 45), ''].join('\n'));
  // A workbook whose second sheet is not read.
  const cells = (lines: string[]): SheetData => lines.map((line) => line.split(',').map((v) => ({ value: v, type: String })));
  const book = await writeXlsxFile([
    { sheet: 'Data', data: cells([header, ...rows('NAV C', 'C', 30)]) },
    { sheet: 'Notat', data: cells(['Om uttrekket']) },
  ]).toBuffer();
  writeFileSync(join(dir, 'nav-c.xlsx'), book);
  writeFileSync(join(dir, 'les-meg.txt'), 'Dette er eit notat om uttrekket.\n');
  writeFileSync(join(dir, 'notat.docx'), 'x');
  writeFileSync(join(dir, '.skjult.csv'), `${header}\n`);
  writeFileSync(join(dir, '~$nav-a.xlsx'), 'x');
  return dir;
}

const PILOTS = [
  'tests/fixtures/ingest/rejections.csv',
  'tests/fixtures/pipeline/time-edges',
  'tests/fixtures/pipeline/zero-cells',
  'tests/fixtures/pipeline/empty-strata',
  'tests/fixtures/pipeline/no-counsellor',
  await accountingPilot(),
];
const FORMATS = ['text', 'md', 'json', 'csv', 'html'] as const;
type Format = (typeof FORMATS)[number];
/** The binary formats, read back by Debian's python3-docx and python3-openpyxl. */
const BINARY_FORMATS = ['docx', 'xlsx'] as const;
const python = findTool([
  ['/usr/bin/python3', '-c', 'import docx, openpyxl'],
  ['python3', '-c', 'import docx, openpyxl'],
])?.[0];

/** The words of a Word document or a workbook, as an independent reader sees them: paragraphs and table cells, or text cells. */
async function binaryReportText(pilot: string, lang: 'nb' | 'nn', format: (typeof BINARY_FORMATS)[number], suppress: boolean): Promise<string> {
  const file = join(tempDir('no-english'), `report.${format}`);
  const run = await runCli([
    'report',
    pilot,
    '--lang',
    lang,
    '--format',
    format,
    '--out',
    file,
    '--max-rejected',
    '100',
    ...(suppress ? [] : ['--no-suppress']),
  ]);
  expect(run.code, run.stderr).toBe(0);
  const script = format === 'docx' ? 'tests/report/docxReadBack.py' : 'tests/report/xlsxDump.py';
  const dumped = JSON.parse(execFileSync(python!, [script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  if (format === 'docx') {
    const body = dumped.body as Array<{ kind: string; text?: string; rows?: string[][] }>;
    return body.map((b) => (b.kind === 'table' ? b.rows!.flat().join('\n') : b.text)).join('\n');
  }
  const sheets = dumped.sheets as Array<{ name: string; cells: Array<{ value: unknown }> }>;
  return sheets.flatMap((sheet) => [sheet.name, ...sheet.cells.map((c) => c.value).filter((v): v is string => typeof v === 'string')]).join('\n');
}

/** The text of a report that is its language's: for JSON the messages, for CSV its text values. */
function reportText(format: Format, output: string): string {
  switch (format) {
    case 'json': {
      const model = JSON.parse(output) as ReportModel;
      const { input } = model;
      return [...model.warnings, ...input.rejections, ...input.skippedFiles, ...input.notices].map((x) => x.message).join('\n');
    }
    case 'csv': {
      // Table, row and column ids and statistic names are keys; the values that are text are words.
      const rows = parse(output, { bom: true }) as string[][];
      return rows
        .slice(1)
        .map((r) => r[4])
        .filter((v) => v !== ':' && Number.isNaN(Number(v)))
        .join('\n');
    }
    case 'html':
      return output
        .replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, ' ')
        .replace(/<[^>]*?(?:aria-label|title|alt)="([^"]*)"[^>]*>/g, ' $1 ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    case 'md':
      return output.replace(/\\(.)/g, '$1');
    case 'text':
      return output;
  }
}

async function render(pilot: string, lang: 'en' | 'nb' | 'nn', format: Format, suppress: boolean): Promise<string> {
  const run = await runCli(['report', pilot, '--lang', lang, '--format', format, '--max-rejected', '100', ...(suppress ? [] : ['--no-suppress'])]);
  expect(run.code, run.stderr).toBe(0);
  return reportText(format, run.stdout);
}

/** Where English was found: pilot, format and the words. */
interface Finding {
  at: string;
  words: string[];
}

async function findings(
  lang: 'en' | 'nb' | 'nn',
  formats: readonly Format[],
  suppressions: readonly boolean[],
  pilots: readonly string[] = PILOTS,
): Promise<{ found: Finding[]; texts: string[] }> {
  const found: Finding[] = [];
  const texts: string[] = [];
  for (const pilot of pilots) {
    for (const format of formats) {
      for (const suppress of suppressions) {
        const text = await render(pilot, lang, format, suppress);
        texts.push(text);
        const words = englishWords(text);
        if (words.length > 0) found.push({ at: `${pilot} ${format}${suppress ? '' : ' --no-suppress'}`, words });
      }
    }
  }
  return { found, texts };
}

describe('a Norwegian report holds no English', () => {
  let englishReports: Promise<{ found: Finding[]; texts: string[] }> | undefined;
  const english = () => (englishReports ??= findings('en', ['text', 'json'], [false]));

  it('finds English in the English reports (the check is not empty)', async () => {
    const { found } = await english();
    const words = new Set(found.flatMap((f) => f.words));
    expect(found.length).toBe(PILOTS.length * 2);
    expect(words.size).toBeGreaterThan(150);
    for (const word of ['the', 'persons', 'counsellor', 'undefined', 'because', 'interval', 'rows', 'users', 'office']) expect(words).toContain(word);
  }, 120_000);

  it('draws its English words from the English templates, dictionaries and reports', async () => {
    const dictionaries = [
      ...texts(WORDS.en, wordSamples as Record<string, unknown[][]>),
      ...texts(TIME_WORDS.en, timeSamples as Record<string, unknown[][]>),
      ...texts(CHART_WORDS.en, {}),
    ].map(([, text]) => text);
    const templates = [
      ...Object.entries(WARNING_SAMPLES).flatMap(([code, samples]) => samples.map((p) => warningMessage({ code: code as WarningCode, params: p }, 'en'))),
      ...messages('en'),
      ...dictionaries,
    ].join('\n');
    const seen = new Set([...englishWords(templates), ...(await english()).texts.flatMap((t) => englishWords(t))]);
    expect([...ENGLISH_ONLY].filter((w) => !seen.has(w))).toEqual([]);
  }, 120_000);

  it('renders pilots with every kind of rejected row, skipped file and most notices', async () => {
    const codes = new Set<string>();
    for (const pilot of PILOTS) {
      const run = await runCli(['report', pilot, '--lang', 'nn', '--format', 'json', '--max-rejected', '100', '--no-suppress']);
      const { input, warnings } = JSON.parse(run.stdout) as ReportModel;
      for (const x of [...input.rejections, ...input.skippedFiles, ...input.notices, ...warnings]) codes.add(x.code);
    }
    const expected = [
      ...REJECTION_CODES,
      'HIDDEN',
      'LOCK_FILE',
      'NOT_A_DATA_FILE',
      'NO_HEADER',
      ...NOTICE_CODES.filter((c) => c !== 'OFFICE_NAME_ENCODING' && c !== 'ID_IN_SEVERAL_OFFICES'),
    ];
    expect(expected.filter((c) => !codes.has(c))).toEqual([]);
    expect([...codes].filter((c) => (WARNING_CODES as string[]).includes(c)).length).toBeGreaterThan(25);
  }, 120_000);

  it('in Nynorsk, in every format, unsuppressed and published', async () => {
    const { found } = await findings('nn', FORMATS, [false, true]);
    expect(found).toEqual([]);
  }, 600_000);

  it('in Nynorsk, on the pilot with the most extreme estimates (diverging models)', async () => {
    const { found } = await findings('nn', ['text', 'json'], [false], ['tests/fixtures/pipeline/extreme']);
    expect(found).toEqual([]);
  }, 120_000);

  it.runIf(needs('noEnglish.test.ts', { 'python3-docx and python3-openpyxl': python }))(
    'in Nynorsk, in the Word document and the workbook, read back by python-docx and openpyxl',
    async () => {
      expect(python, 'python3-docx and python3-openpyxl (Debian), installed by .ci/run').toBeDefined();
      const found: Finding[] = [];
      for (const pilot of PILOTS.slice(0, 3).concat(PILOTS.slice(-1))) {
        for (const format of BINARY_FORMATS) {
          for (const suppress of [false, true]) {
            const text = await binaryReportText(pilot, 'nn', format, suppress);
            expect(text.length).toBeGreaterThan(1000);
            const words = englishWords(text);
            if (words.length > 0) found.push({ at: `${pilot} ${format}${suppress ? '' : ' --no-suppress'}`, words });
          }
        }
      }
      expect(found).toEqual([]);
    },
  );

  it('in Bokmål', async () => {
    const { found } = await findings('nb', FORMATS, [false]);
    expect(found).toEqual([]);
  }, 600_000);
});

/** A value that did not reach its template: undefined, NaN, [object Object], an empty message (English says "is undefined" on purpose). */
const artefact = (text: string) => /undefined|NaN|\[object|Infinity/.test(text.replace(/\b(is|are|or) undefined\b/g, '')) || text.trim() === '';

/** Every input message of a language, from the sample params. */
function messages(lang: 'en' | 'nb' | 'nn'): string[] {
  const all = (templates: object, samples: object) =>
    Object.entries(samples).flatMap(([code, list]) => (list as unknown[]).map((p) => (templates as Record<string, (x: unknown) => string>)[code](p)));
  const m = INPUT_MESSAGES[lang];
  return [...all(m.rejections, REJECTION_SAMPLES), ...all(m.skippedFiles, SKIP_SAMPLES), ...all(m.notices, NOTICE_SAMPLES)];
}

describe('every message of every code, from sample params', () => {
  const langs = ['en', 'nb', 'nn'] as const;

  it('has a sample for every warning code, and a template in every language', () => {
    for (const lang of langs) expect(Object.keys(WARNING_TEMPLATES[lang])).toEqual(Object.keys(WARNING_SAMPLES));
  });

  it('renders every warning in every language without undefined, NaN or [object', () => {
    const bad: string[] = [];
    for (const [code, samples] of Object.entries(WARNING_SAMPLES)) {
      for (const params of samples) {
        for (const lang of langs) {
          const text = warningMessage({ code: code as WarningCode, params }, lang);
          if (artefact(text)) bad.push(`${code} ${lang}: ${text}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('renders every rejection, skipped file and notice in every language without undefined, NaN or [object', () => {
    const bad = langs.flatMap((lang) => messages(lang).filter(artefact));
    expect(bad).toEqual([]);
  });

  it('writes each message in Norwegian, not in English', () => {
    const found: string[] = [];
    for (const lang of ['nb', 'nn'] as const) {
      for (const [code, samples] of Object.entries(WARNING_SAMPLES)) {
        for (const params of samples) {
          const text = warningMessage({ code: code as WarningCode, params }, lang);
          const words = englishWords(text);
          if (words.length > 0 || text === warningMessage({ code: code as WarningCode, params }, 'en')) found.push(`${lang} ${code}: ${words.join(', ')}`);
        }
      }
      const en = messages('en');
      messages(lang).forEach((text, i) => {
        const words = englishWords(text);
        if (words.length > 0 || text === en[i]) found.push(`${lang} input message ${i}: ${words.join(', ')} (${text})`);
      });
    }
    expect(found).toEqual([]);
  });
});
