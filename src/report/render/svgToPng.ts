import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

/** A sans-serif family by its files: regular first, then bold, italic and bold italic. */
interface SansFont {
  family: string;
  files: string[];
}

const dejaVu = (dir: string): SansFont => ({
  family: 'DejaVu Sans',
  files: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'].map((f) => join(dir, f)),
});

/**
 * Where the charts' sans-serif is looked for: DejaVu Sans where Linux distributions put it
 * (Debian's and Ubuntu's fonts-dejavu-core, Fedora's dejavu-sans-fonts, Arch's ttf-dejavu),
 * then Arial in Windows and in macOS. DejaVu Sans has every letter of the three languages.
 */
const SANS_FONTS: SansFont[] = [
  ...['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu-sans-fonts', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF'].map(dejaVu),
  { family: 'Arial', files: ['arial.ttf', 'arialbd.ttf', 'ariali.ttf', 'arialbi.ttf'].map((f) => join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts', f)) },
  {
    family: 'Arial',
    files: ['Arial.ttf', 'Arial Bold.ttf', 'Arial Italic.ttf', 'Arial Bold Italic.ttf'].map((f) => join('/System/Library/Fonts/Supplemental', f)),
  },
];

/**
 * resvg's fonts for the charts, which ask for "system-ui, sans-serif": the first family of
 * SANS_FONTS that is installed (loading its four files is quicker than scanning all the
 * system's fonts), else all the system's fonts, whose first family then draws the text.
 * resvg draws with the default family when it finds none of the SVG's, so that is the one loaded.
 */
export function chartFonts(exists: (path: string) => boolean = existsSync): NonNullable<ResvgRenderOptions['font']> {
  const found = SANS_FONTS.find((f) => exists(f.files[0]));
  if (found === undefined) return { loadSystemFonts: true };
  return { loadSystemFonts: false, fontFiles: found.files.filter((f) => exists(f)), defaultFontFamily: found.family, sansSerifFamily: found.family };
}

let fonts: ResvgRenderOptions['font'] | undefined;

/** An SVG drawn as a PNG on white, `zoom` times its own size. */
export function svgToPng(svg: string, zoom: number): Uint8Array {
  fonts ??= chartFonts();
  return new Resvg(svg, { font: fonts, fitTo: { mode: 'zoom', value: zoom }, background: 'white' }).render().asPng();
}
