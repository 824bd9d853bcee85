import type { Estimate } from './types.js';
import { wilsonInterval } from './wilson.js';

/**
 * Difference of two independent proportions p1 - p2 = x1/n1 - x2/n2 with
 * Newcombe's hybrid score interval (method 10 in Newcombe, Stat Med 1998;17:873-890), built from the two Wilson
 * intervals (l_i, u_i) of R's `prop.test(x_i, n_i, correct = FALSE)`:
 *   L = D - sqrt((p1 - l1)^2 + (u2 - p2)^2),  U = D + sqrt((u1 - p1)^2 + (p2 - l2)^2).
 * There is no base-R function; the fixture applies this formula to R's Wilson limits.
 * Null when either group is empty.
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, conf = 0.95): Estimate {
  const a = wilsonInterval(x1, n1, conf);
  const b = wilsonInterval(x2, n2, conf);
  if (a.proportion === null || b.proportion === null) return { estimate: null, ciLow: null, ciHigh: null };
  const p1 = a.proportion;
  const p2 = b.proportion;
  const l1 = a.ciLow as number;
  const u1 = a.ciHigh as number;
  const l2 = b.ciLow as number;
  const u2 = b.ciHigh as number;
  const d = p1 - p2;
  return {
    estimate: d,
    ciLow: d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
    ciHigh: d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
  };
}
