import { describe, expect, it } from 'vitest';
import { chartFonts, svgToPng } from '../../src/report/render/svgToPng.js';

const chart = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="40"><rect x="2" y="2" width="20" height="20" fill="#1b7837"/><text x="30" y="20" font-family="system-ui, sans-serif" font-size="12">${text}</text></svg>`;

describe('svgToPng: the PNG of each chart in the Word report', () => {
  it('draws the text: a font is found (resvg leaves out text it has no font for)', () => {
    const withText = svgToPng(chart('Prosent æøå – 12,5 %'), 2);
    const without = svgToPng(chart(''), 2);
    expect(Buffer.from(withText).subarray(1, 4).toString()).toBe('PNG');
    // Width and height, at twice the SVG's size.
    expect(Buffer.from(withText).readUInt32BE(16)).toBe(480);
    expect(Buffer.from(withText).readUInt32BE(20)).toBe(80);
    expect(Buffer.from(withText).equals(Buffer.from(without))).toBe(false);
    // Bold and italic are drawn too (the forest plot's pooled row, the notes under a chart).
    const bold = svgToPng(chart('<tspan font-weight="bold">Prosent</tspan>'), 2);
    const plain = svgToPng(chart('Prosent'), 2);
    expect(Buffer.from(bold).equals(Buffer.from(plain))).toBe(false);
  });

  it('gives the same bytes each time', () => {
    expect(Buffer.from(svgToPng(chart('Måneder'), 2)).equals(Buffer.from(svgToPng(chart('Måneder'), 2)))).toBe(true);
  });
});

describe('chartFonts', () => {
  it('takes the first sans-serif installed, with its bold and italic files, else the system fonts', () => {
    const only = (files: string[]) => (path: string) => files.includes(path);
    const fedora = ['/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf', '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf'];
    expect(chartFonts(only(fedora))).toEqual({ loadSystemFonts: false, fontFiles: fedora, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' });
    const mac = '/System/Library/Fonts/Supplemental/Arial.ttf';
    expect(chartFonts(only([mac]))).toMatchObject({ fontFiles: [mac], defaultFontFamily: 'Arial' });
    expect(chartFonts(only([]))).toEqual({ loadSystemFonts: true });
  });
});
