/**
 * Holm's step-down adjusted p-values, as R's `p.adjust(p, method = "holm")`:
 * sorted ascending, p_(i) is multiplied by (m − i + 1), made monotone by a running
 * maximum and capped at 1. A null p (no test) stays null and is not in the family
 * (R's `n = sum(!is.na(p))`). Results keep the input order.
 *
 * @example holm([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 * @example holm([0.2, null]) // [0.2, null]
 */
export function holm(p: ReadonlyArray<number | null>): Array<number | null> {
  const tested = p.flatMap((value, index) => (value === null ? [] : [{ value, index }]));
  // Ties keep input order, as R's order() does.
  tested.sort((a, b) => a.value - b.value || a.index - b.index);
  const m = tested.length;
  const out: Array<number | null> = p.map(() => null);
  let running = 0;
  tested.forEach(({ value, index }, i) => {
    running = Math.max(running, Math.min(1, (m - i) * value));
    out[index] = running;
  });
  return out;
}
