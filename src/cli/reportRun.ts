import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { buildReport } from '../report/build.js';
import { colourLevel } from '../report/colour.js';
import type { ReportModel } from '../report/model.js';
import { formatSpec } from '../report/render/formats.js';
import { applySuppression, markInternal } from '../report/suppress.js';
import { buildTables, type Lang } from '../report/tables.js';
import { FISHER_DEFAULT_SEED } from '../stats/defaults.js';
import { cell, TableBuilder, type AnalysisTable } from '../table/build.js';
import { dayIso, HYBRID, isoDay, USUAL } from '../table/types.js';
import { DEFAULT_HORIZON_MONTHS } from '../analysis/timeToOutcome.js';
import { OUTCOMES } from '../ingest/types.js';
import { loadConfig, type ReportConfig } from './config.js';
import type { InputOptions } from './inputOptions.js';
import type { Io } from './io.js';
import { checkRejectedShare, readInputsInto } from './readInputs.js';
import { FORMATS, LANGS, type Format, type ReportOptions } from './reportOptions.js';
import { packageVersion } from './version.js';
import { memoryReleaser } from './releaseMemory.js';

/** Threads for the bootstrap: the cores, up to 4 (more rarely pays on a shared machine). */
const DEFAULT_THREADS = Math.min(availableParallelism(), 4);
const MAX_THREADS = 64;

/** Statistics Norway hides counts below 3: no published report may use a lower threshold. */
const MIN_PUBLISHED_CELL = 3;

/** The report command's work: read, analyse, suppress, render, write. */
export async function runReport(paths: string[], options: ReportOptions, cmd: Command, io: Io, setExit: (code: number) => void): Promise<void> {
  const settings = resolveSettings(paths, options, cmd, io.stdoutIsTTY);
  const builder = new TableBuilder();
  const ingested = await readInputsInto(settings.paths, settings, io, builder);
  checkRejectedShare(ingested, settings);
  if (ingested.rowsAccepted === 0) {
    throw new InputError('no rows were accepted, so there is nothing to report (see `hybrid-eval validate`)', 'NO_ROWS');
  }
  const table = builder.finish(ingested.columnsPresent);
  const release = memoryReleaser(table.persons.n);
  release?.();
  const built = buildReport(ingested, table, {
    version: packageVersion(),
    seed: settings.seed,
    timestamp: settings.timestamp ? new Date().toISOString() : undefined,
    extractionDay: settings.extractionDay,
    horizonMonths: settings.horizons,
    threads: settings.threads,
    release,
  });
  const model: ReportModel = settings.suppress
    ? applySuppression(built, settings.minCell, settings.seed, officeOutcomes(table)).model
    : markInternal(built, settings.minCell);
  const output = await render(model, settings.format, settings.lang, io, settings.out !== undefined);
  if (settings.out !== undefined) {
    try {
      mkdirSync(dirname(settings.out), { recursive: true });
      writeFileSync(settings.out, output);
    } catch (error) {
      throw new InputError(`cannot write --out file ${settings.out}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    io.stderr(`hybrid-eval: report written to ${settings.out}\n`);
  } else {
    io.stdout(output);
  }
  setExit(0);
}

interface Settings extends InputOptions {
  paths: string[];
  format: Format;
  out?: string;
  lang: Lang;
  minCell: number;
  suppress: boolean;
  seed: number;
  timestamp: boolean;
  /** Days since 1970-01-01; undefined: the latest date in the data. */
  extractionDay?: number;
  horizons: number[];
  /** Threads for the bootstrap, this one included. */
  threads: number;
}

/** Merges --config with the flags (flags given on the command line win) and validates the result. */
function resolveSettings(paths: string[], options: ReportOptions, cmd: Command, stdoutIsTTY: boolean): Settings {
  const config: ReportConfig = options.config === undefined ? {} : loadConfig(options.config);
  const fromCli = (name: string) => cmd.getOptionValueSource(name) === 'cli';
  const pick = <T>(name: string, flag: T, configured: T | undefined): T => (fromCli(name) || configured === undefined ? flag : configured);

  const format = pick('format', options.format, config.format as Format | undefined);
  if (!FORMATS.includes(format)) throw new UsageError(`format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  const out = pick('out', options.out, config.out);
  if (formatSpec(format).binary && out === undefined && stdoutIsTTY) {
    throw new UsageError(
      `--format ${format} writes a binary file, which a terminal cannot show: add --out report.${formatSpec(format).extension} (or redirect standard output to a file)`,
    );
  }
  const lang = pick('lang', options.lang, config.lang as Lang | undefined);
  if (!LANGS.includes(lang)) throw new UsageError(`lang must be one of ${LANGS.join(', ')}, not "${lang}"`);
  const minCellText = pick('minCell', options.minCell, config.minCell === undefined ? undefined : String(config.minCell));
  if (!/^\d+$/.test(minCellText) || Number(minCellText) < 1 || Number(minCellText) > 1000) {
    throw new UsageError(`--min-cell must be a whole number from 1 to 1000, not "${minCellText}"`);
  }
  const suppress = pick('suppress', options.suppress, config.suppress);
  if (suppress && Number(minCellText) < MIN_PUBLISHED_CELL) {
    throw new UsageError(
      `--min-cell ${minCellText} would publish counts below ${MIN_PUBLISHED_CELL}, the lowest rule any Norwegian statistics producer uses; ` +
        'use --min-cell 3 or more, or --no-suppress for an INTERNAL report',
    );
  }
  const seedText = pick('seed', options.seed ?? String(FISHER_DEFAULT_SEED), config.seed === undefined ? undefined : String(config.seed));
  if (!/^\d+$/.test(seedText) || !Number.isSafeInteger(Number(seedText))) {
    throw new UsageError(`--seed must be a whole number, not "${seedText}"`);
  }
  const extractionText = pick('extractionDate', options.extractionDate, config.extractionDate);
  const extractionDay = extractionText === undefined ? undefined : isoDay(extractionText);
  // A calendar date: its digits read back to the same text (2024-02-30 does not).
  if (extractionText !== undefined && (!/^\d{4}-\d\d-\d\d$/.test(extractionText) || dayIso(extractionDay!) !== extractionText)) {
    throw new UsageError(`--extraction-date must be a date written YYYY-MM-DD, not "${extractionText}"`);
  }
  const horizonsText = pick('horizons', options.horizons ?? DEFAULT_HORIZON_MONTHS.join(','), config.horizons);
  const horizons = horizonsText.split(',').map((h) => h.trim());
  if (horizons.length === 0 || horizons.length > 12 || horizons.some((h) => !/^\d+$/.test(h) || Number(h) < 1 || Number(h) > 240)) {
    throw new UsageError(`--horizons must be 1 to 12 whole numbers of months from 1 to 240, comma-separated, not "${horizonsText}"`);
  }
  if (horizons.some((h, i) => i > 0 && Number(h) <= Number(horizons[i - 1]))) {
    throw new UsageError(`--horizons must be in increasing order without repeats, not "${horizonsText}"`);
  }
  const threadsText = pick('threads', options.threads ?? String(DEFAULT_THREADS), config.threads === undefined ? undefined : String(config.threads));
  if (!/^\d+$/.test(threadsText) || Number(threadsText) < 1 || Number(threadsText) > MAX_THREADS) {
    throw new UsageError(`--threads must be a whole number from 1 to ${MAX_THREADS}, not "${threadsText}"`);
  }
  const allPaths = paths.length > 0 ? paths : (config.inputs ?? []);
  if (allPaths.length === 0) throw new UsageError('no input paths given: name export files or folders of them, or "inputs" in --config');
  return {
    paths: allPaths,
    format,
    out,
    lang,
    minCell: Number(minCellText),
    suppress,
    seed: Number(seedText),
    extractionDay,
    horizons: horizons.map(Number),
    threads: Number(threadsText),
    timestamp: pick('timestamp', options.timestamp ?? false, config.timestamp),
    encoding: pick('encoding', options.encoding, config.encoding),
    mapping: pick('mapping', options.mapping, config.mapping),
    allowColumn: pick('allowColumn', options.allowColumn, config.allowColumns),
    rejects: pick('rejects', options.rejects, config.rejects),
    strict: pick('strict', options.strict ?? false, config.strict),
    idScope: pick('idScope', options.idScope, config.idScope as InputOptions['idScope']),
    sheet: pick('sheet', options.sheet, config.sheet),
    maxRejected: pick('maxRejected', options.maxRejected, config.maxRejected === undefined ? undefined : String(config.maxRejected)),
  };
}

async function render(model: ReportModel, format: Format, lang: Lang, io: Io, toFile: boolean): Promise<string | Uint8Array> {
  const spec = formatSpec(format);
  const context = { lang, colourLevel: colourLevel({ env: io.env, isTTY: io.stdoutIsTTY && !toFile, format }) };
  if (!spec.tables) return (await spec.load())(model, context);
  const renderer = await spec.load();
  return renderer(model, buildTables(model, { lang }), context);
}

/** Registered outcome counts per office × group × outcome, for disclosure control (never published). */
function officeOutcomes(table: AnalysisTable): number[][][] {
  return table.counts.offices.map((_, k) => [HYBRID, USUAL].map((g) => OUTCOMES.map((_, o) => cell(table.counts, k, g, o))));
}
