/** qnorm(0.975) to 16 digits. */
export const Z_975 = 1.959963984540054;

/**
 * erfc(x) for x ≥ 0: 1 − erf by the all-positive series of Abramowitz & Stegun 7.1.6,
 * erf(x) = 2/√π e^{−x²} Σ_n 2ⁿ x^{2n+1} / (1·3·…·(2n+1)), below 3 (relative error of
 * erfc under 1e-11 there); above, their continued fraction 7.1.14,
 * erfc(x) = e^{−x²}/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + 2/(x + …))))).
 */
function erfc(x: number): number {
  if (x < 3) {
    let term = x;
    let sum = x;
    for (let n = 1; term > 1e-17 * sum; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  let fraction = x;
  for (let k = 300; k >= 1; k--) fraction = x + k / 2 / fraction;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction;
}

/** Two-sided normal p-value 2 P(Z ≥ |z|) = erfc(|z|/√2). */
export function normalTwoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}
