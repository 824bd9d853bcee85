import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

/**
 * Where Linux distributions install DejaVu Sans: Debian and Ubuntu (fonts-dejavu-core),
 * Fedora (dejavu-sans-fonts), Arch (ttf-dejavu).
 */
const DEJAVU_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu-sans-fonts', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF'];
const DEJAVU_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'];

let fonts: ResvgRenderOptions['font'] | undefined;

/**
 * The charts ask for "system-ui, sans-serif". DejaVu Sans, where it is installed, is
 * that sans-serif: it has every letter of the three languages, and loading four files
 * is quicker than scanning all the system's fonts. Elsewhere (Windows, macOS) the
 * system's fonts are scanned and resvg's sans-serif (Arial) is used.
 */
function fontOptions(): ResvgRenderOptions['font'] {
  if (fonts !== undefined) return fonts;
  const dir = DEJAVU_DIRS.find((d) => existsSync(join(d, DEJAVU_FILES[0])));
  fonts =
    dir === undefined
      ? { loadSystemFonts: true }
      : {
          loadSystemFonts: false,
          fontFiles: DEJAVU_FILES.map((f) => join(dir, f)).filter((f) => existsSync(f)),
          defaultFontFamily: 'DejaVu Sans',
          sansSerifFamily: 'DejaVu Sans',
        };
  return fonts;
}

/** An SVG drawn as a PNG on white, `zoom` times its own size. */
export function svgToPng(svg: string, zoom: number): Uint8Array {
  const resvg = new Resvg(svg, { font: fontOptions(), fitTo: { mode: 'zoom', value: zoom }, background: 'white' });
  return resvg.render().asPng();
}
