import { readFileSync } from 'node:fs';
import { SourceMap, wrap } from 'node:module';

/**
 * A stack trace with each frame in a bundle (dist/bundle/*.cjs) pointed at its TypeScript
 * source line, through the bundle's source map; frames elsewhere, or of a bundle without
 * its map, are left as they are. The launcher compiles the bundle with V8's code cache
 * (vm.Script), where Node applies no source maps by itself.
 */
export function sourceMappedStack(stack: string): string {
  // Characters the CommonJS wrapper adds before line 1 of a bundle compiled as bin/bundle.cjs does.
  const wrapperOffset = wrap('\u0000').indexOf('\u0000');
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (file: string) => {
    if (!maps.has(file)) {
      try {
        maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
      } catch {
        maps.set(file, null);
      }
    }
    return maps.get(file)!;
  };
  return stack.replace(/([^\s(]+\.cjs):(\d+):(\d+)/g, (frame, file: string, line: string, column: string) => {
    const map = mapOf(file);
    if (map === null) return frame;
    const l = Number(line) - 1;
    const c = Number(column) - 1 - (l === 0 ? wrapperOffset : 0);
    const entry = map.findEntry(l, Math.max(0, c)) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (entry.originalSource === undefined || entry.originalLine === undefined) return frame;
    const source = entry.originalSource.replace(/^(\.\.\/)+/, '');
    return `${source}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
  });
}
