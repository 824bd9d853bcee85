import { normalQuantile } from './distributions.js';

export interface WilsonInterval {
  proportion: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/**
 * Wilson score interval for a binomial proportion x/n, without continuity correction.
 * Reproduces R's `prop.test(x, n, correct = FALSE)$conf.int` (stats 4.2), including its
 * boundary rule: the lower limit is exactly 0 when x = 0 and the upper exactly 1 when x = n.
 * n = 0 gives nulls (the proportion is undefined).
 */
export function wilsonInterval(x: number, n: number, conf = 0.95): WilsonInterval {
  if (!Number.isFinite(x) || !Number.isFinite(n) || x < 0 || n < 0 || x > n) {
    throw new RangeError(`wilsonInterval: need 0 <= x <= n, got x=${x}, n=${n}`);
  }
  if (!(conf > 0 && conf < 1)) throw new RangeError(`wilsonInterval: conf must be in (0,1), got ${conf}`);
  if (n === 0) return { proportion: null, ciLow: null, ciHigh: null };
  const p = x / n;
  const z = normalQuantile((1 + conf) / 2);
  const z22n = (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z22n / (2 * n));
  const upper = p >= 1 ? 1 : (p + z22n + half) / (1 + 2 * z22n);
  const lower = p <= 0 ? 0 : (p + z22n - half) / (1 + 2 * z22n);
  return { proportion: p, ciLow: Math.max(lower, 0), ciHigh: Math.min(upper, 1) };
}
