import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/model.js';
import { esc, renderHtml } from '../../src/report/render/html.js';
import { buildTables } from '../../src/report/tables.js';
import { needs } from '../helpers/debianTools.js';
import { runCli } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const pilot = 'data-samples';

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

describe('html', () => {
  it('is one self-contained file with every table and figure caption and four inline SVG charts', async () => {
    const run = await runCli(['report', pilot, '--format', 'html']);
    expect(run.code).toBe(0);
    const html = run.stdout;
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).not.toMatch(/<script|<link|@import|url\((?!#)|<iframe|<img|<object|<embed|\bsrc=/i);
    expect(html.replace(/http:\/\/www\.w3\.org\/2000\/svg/g, '')).not.toMatch(/https?:\/\//);
    const json = await runCli(['report', pilot, '--format', 'json']);
    const doc = buildTables(JSON.parse(json.stdout) as ReportModel, { lang: 'en' });
    expect(doc.tables.length).toBeGreaterThanOrEqual(6);
    for (const table of doc.tables) expect(html).toContain(`<caption>${esc(`Table ${table.number}. ${table.title}`)}</caption>`);
    for (let n = 1; n <= 4; n++) expect(html).toContain(`<figcaption>Figure ${n}. `);
    expect(html.match(/<svg /g)?.length).toBe(4);
    expect(html.match(/<svg [^>]*role="img"[^>]*><title>[^<]+<\/title>/g)?.length).toBe(4);
    // The cumulative incidence curves: one stepped path per group, the at-risk table under the axis.
    expect(html.match(/<path d="M[\d.]+,[\d.]+( H[\d.]+ V[\d.]+)+"/g)?.length).toBe(2);
    expect(html).toContain('Months since start');
    expect(html).toContain('>At risk</text>');
    expect(html).toContain('Mantel–Haenszel, pooled');
    expect(html).toContain('Odds ratio with 95 % CI (log scale)');
    // Suppressed cells read ":" as in the other formats; no banner on a suppressed report.
    expect(html).toMatch(/<td class="r">:<\/td>/);
    expect(html).not.toContain('class="banner"');
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is pinned (TZ=UTC, fixed input)', async () => {
    const run = await runCli(['report', 'tests/fixtures/pipeline/realistic', '--format', 'html']);
    expect(run.code).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot('__snapshots__/realistic.en.html');
  });

  it('is written in the report language', async () => {
    for (const [lang, table, pooled] of [
      ['nb', 'Tabell', 'Mantel–Haenszel, samlet'],
      ['nn', 'Tabell', 'Mantel–Haenszel, samla'],
    ] as const) {
      const run = await runCli(['report', pilot, '--format', 'html', '--lang', lang]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`<html lang="${lang}">`);
      expect(run.stdout).toContain(`<caption>${table} 1. `);
      expect(run.stdout).toContain('<figcaption>Figur 3. ');
      expect(run.stdout).toContain(pooled);
      expect(run.stdout).not.toContain('Odds ratio with');
    }
  });

  it('escapes untrusted office names and shows the INTERNAL banner with --no-suppress', async () => {
    const dir = tempDir('html');
    const rows = ['person_id,office,group,outcome'];
    for (let i = 0; i < 40; i++) rows.push(`P${i},<img src=x onerror=alert(1)>,${i % 4 === 0 ? 'hybrid' : 'usual'},${i % 3 === 0 ? 'job' : 'none'}`);
    for (let i = 40; i < 80; i++) rows.push(`P${i},"<script>alert(""x"")</script>",${i % 4 === 0 ? 'hybrid' : 'usual'},${i % 3 === 0 ? 'job' : 'none'}`);
    writeFileSync(join(dir, 'x.csv'), `${rows.join('\n')}\n`);
    const run = await runCli(['report', dir, '--format', 'html', '--no-suppress']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/<img|<script/i);
    expect(run.stdout).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(run.stdout).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // The names reach the charts too (bar labels, forest plot), escaped there as well.
    const charts = run.stdout.slice(run.stdout.indexOf('<svg'));
    expect(charts).toContain('&lt;img src=x onerror=alert(1)&gt; –');
    expect(run.stdout).toMatch(/<p class="banner" role="alert">INTERNAL – contains small cells, not for publication<\/p>/);
    expect(run.stdout.indexOf('class="banner"')).toBeLessThan(run.stdout.indexOf('<table'));
  });

  it('says what it does not draw: suppressed bars, offices and a pooled estimate without an odds ratio', async () => {
    const run = await runCli(['report', 'tests/fixtures/pipeline/tiny', '--format', 'json', '--no-suppress']);
    const model = JSON.parse(run.stdout) as ReportModel;
    model.offices = model.offices.map((o, i) => ({
      ...o,
      office: i === 0 ? 'A & <b>B</b>' : o.office,
      hybrid: i === 0 ? { n: null, positive: null } : o.hybrid,
      oddsRatio: { estimate: null, ciLow: null, ciHigh: null },
    }));
    model.stratified.mantelHaenszelOddsRatio = { estimate: null, ciLow: null, ciHigh: null };
    for (const level of Object.values(model.outcomes.byLevel)) level.hybrid.proportion = null;
    const doc = buildTables(model, { lang: 'nn' });
    const html = renderHtml(model, doc, { lang: 'nn' });
    const names = model.offices.map((o) => esc(o.office));
    const forest = html.slice(html.indexOf('<figure id="figure-3"'));
    const notDrawn = [...forest.matchAll(/<text [^>]*font-style="italic">([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
    expect(notDrawn).toBe(`Ikkje teikna (tom celle, tom gruppe eller skjult): ${names.join(', ')}, Mantel–Haenszel, samla`);
    expect(html).toContain('A &amp; &lt;b&gt;B&lt;/b&gt; – Hybrid');
    expect(html).toContain('skjult eller udefinert, ikkje teikna');
    expect(html).not.toContain('<polygon');
    expect(html).not.toContain('<b>');
  });

  // Skipped with a note where Chromium is missing, except in CI (CI=true), where it fails.
  it.runIf(needs('html.test.ts', { chromium }))(
    'renders in headless Chromium with coloured charts',
    async () => {
      expect(chromium, 'Debian chromium is installed by .ci/run').toBeDefined();
      const dir = tempDir('chromium');
      const page = join(dir, 'report.html');
      const shot = join(dir, 'report.png');
      const run = await runCli(['report', pilot, '--format', 'html', '--out', page]);
      expect(run.code).toBe(0);
      const flags = [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${join(dir, 'profile')}`,
      ];
      const dom = execFileSync(chromium!, [...flags, '--dump-dom', `file://${page}`], {
        encoding: 'utf8',
        timeout: 60_000,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      expect(dom.match(/<svg /g)?.length).toBe(4);
      expect(dom).toContain('<rect');
      expect(dom).toContain('<polygon');
      expect(dom).toContain('<path d="M');
      expect(dom.match(/<figure /g)?.length).toBe(4);
      execFileSync(chromium!, [...flags, `--screenshot=${shot}`, '--window-size=1000,4000', `file://${page}`], { timeout: 60_000, stdio: 'ignore' });
      const image = decodePng(readFileSync(shot));
      expect(image.width).toBe(1000);
      // Count clearly coloured pixels (the green, blue and red of the charts; the text is grey-black).
      let green = 0;
      let blue = 0;
      let red = 0;
      for (let i = 0; i < image.width * image.height; i++) {
        const [r, g, b] = [image.rgb[3 * i], image.rgb[3 * i + 1], image.rgb[3 * i + 2]];
        if (g > r + 40 && g > b + 20) green++;
        if (b > r + 60 && b > g + 20) blue++;
        if (r > g + 80 && r > b + 60) red++;
      }
      expect(green).toBeGreaterThan(5000);
      expect(blue).toBeGreaterThan(200);
      expect(red).toBeGreaterThan(100);
    },
    120_000,
  );
});

/** Minimal PNG decoder (8-bit RGB or RGBA, non-interlaced), enough for Chromium's screenshots. */
function decodePng(file: Buffer): { width: number; height: number; rgb: Uint8Array } {
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (pos < file.length) {
    const length = file.readUInt32BE(pos);
    const type = file.toString('latin1', pos + 4, pos + 8);
    const chunk = file.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = chunk.readUInt32BE(0);
      height = chunk.readUInt32BE(4);
      expect(chunk[8]).toBe(8);
      channels = chunk[9] === 6 ? 4 : chunk[9] === 2 ? 3 : 0;
      expect(channels).toBeGreaterThan(0);
      expect(chunk[12]).toBe(0);
    } else if (type === 'IDAT') data.push(chunk);
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? out[y * stride + x - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      out[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) for (let k = 0; k < 3; k++) rgb[3 * i + k] = out[channels * i + k];
  return { width, height, rgb };
}
