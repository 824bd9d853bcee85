import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** From this many persons on, the analyses' per-person arrays are large enough that freeing them between stages lowers the peak (bench/results.md). */
const LARGE_INPUT_PERSONS = 100_000;

/**
 * A full garbage collection, for a large input, to call between the stages that
 * allocate per-person arrays. Those arrays live outside V8's heap, and V8 collects
 * them only when its own heap asks for it, so the dead arrays of one stage would
 * otherwise still be held when the next allocates its own: at 10M persons that is
 * hundreds of MiB. undefined for a small input, or when V8 does not give the
 * collector (the tool then runs as before, with a higher peak).
 */
export function memoryReleaser(persons: number): (() => void) | undefined {
  if (persons < LARGE_INPUT_PERSONS) return undefined;
  try {
    // The first flag exposes gc() in contexts created after it is set; the second has a
    // collection free the dead arrays before it returns, instead of on a background
    // thread some time later (after the next stage has allocated its own).
    setFlagsFromString('--expose-gc');
    setFlagsFromString('--no-concurrent-array-buffer-sweeping');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}
