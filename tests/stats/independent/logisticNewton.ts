import { inverse, timesVector, type Matrix } from './denseMatrix.js';

export interface PersonLogisticFit {
  coefficients: number[];
  /** (Σ μ(1 − μ) x xᵀ)⁻¹ at the estimate: the model-based covariance. */
  covariance: Matrix;
  /** μ per person. */
  fitted: number[];
}

/**
 * Logistic regression on one row per person by Newton–Raphson from β = 0:
 * β ← β + I(β)⁻¹ U(β), U = Σ (y − μ) x, I = Σ μ(1 − μ) x xᵀ, until the step is at
 * rounding level (Newton converges quadratically, so this is the maximum to the last
 * few digits, unlike glm's stop at a relative deviance change of 1e-8).
 */
export function fitLogisticByPerson(x: Matrix, y: number[]): PersonLogisticFit {
  const p = x[0].length;
  let beta = new Array<number>(p).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const { score, information } = scoreAndInformation(x, y, beta);
    const step = timesVector(inverse(information), score);
    beta = beta.map((b, j) => b + step[j]);
    if (step.every((s, j) => Math.abs(s) <= 1e-13 * Math.max(1, Math.abs(beta[j])))) {
      const { information: atEstimate, fitted } = scoreAndInformation(x, y, beta);
      return { coefficients: beta, covariance: inverse(atEstimate), fitted };
    }
  }
  throw new Error('fitLogisticByPerson: Newton–Raphson did not converge');
}

function scoreAndInformation(x: Matrix, y: number[], beta: number[]): { score: number[]; information: Matrix; fitted: number[] } {
  const p = beta.length;
  const score = new Array<number>(p).fill(0);
  const information = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const fitted = x.map((row) => 1 / (1 + Math.exp(-row.reduce((s, v, j) => s + v * beta[j], 0))));
  x.forEach((row, i) => {
    const mu = fitted[i];
    for (let j = 0; j < p; j++) {
      score[j] += (y[i] - mu) * row[j];
      for (let k = 0; k < p; k++) information[j][k] += mu * (1 - mu) * row[j] * row[k];
    }
  });
  return { score, information, fitted };
}
