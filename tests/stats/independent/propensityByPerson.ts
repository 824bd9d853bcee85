import type { PersonColumns } from '../../../src/table/types.js';
import { analysisPersons } from './analysisPersons.js';
import { inverse, multiply, transpose, zeros } from './denseMatrix.js';
import { fitLogisticByPerson } from './logisticNewton.js';
import { Z_975 } from './normalTail.js';

export interface PropensityByPerson {
  n: number;
  riskDifference: { estimate: number; ciLow: number | null; ciHigh: number | null };
  smdAfter: { variable: 'age' | 'gender' | 'prior_work'; smd: number }[];
  weights: { min: number; max: number; effectiveSampleSizeUsual: number };
}

/**
 * Propensity weighting for the effect on the treated, by its formulas on persons:
 * e = the person-level logistic model of hybrid on office dummies and covariates,
 * w = 1 for hybrid users and e/(1 − e) for usual users, the risk difference
 * μ1 − μ0 = mean_hybrid(y) − Σ_usual w y / Σ_usual w. Its variance is the sandwich of
 * the stacked estimating equations θ = (α, μ1, μ0),
 *   ψ = ((h − e) x, h (y − μ1), (1 − h) w (y − μ0)),
 *   V = G/(G − 1) · J⁻¹ (Σ_g U_g U_gᵀ) J⁻ᵀ,  J = Σ ∂ψ/∂θ,  U_g = Σ_{i∈g} ψ_i,
 * with J written out: ∂ψ_α/∂α = −e(1 − e) x xᵀ, ∂ψ_μ1/∂μ1 = −h,
 * ∂ψ_μ0/∂α = (1 − h) w (y − μ0) xᵀ (as ∂w/∂α = w x), ∂ψ_μ0/∂μ0 = −(1 − h) w.
 * SMDs after weighting: (m1 − m0)/√((s1² + s0²)/2) with the weighted variance
 * Σw/((Σw)² − Σw²) · Σw(x − x̄)², and (p1 − p0)/√((p1(1 − p1) + p0(1 − p0))/2).
 */
export function propensityByPerson(cols: PersonColumns): PropensityByPerson {
  const persons = analysisPersons(cols);
  const { covariates: x, hybrid: h, workOrEducation: y } = persons;
  const n = x.length;
  const p = x[0].length;
  const e = fitLogisticByPerson(x, h).fitted;
  const w = e.map((ei, i) => (h[i] === 1 ? 1 : ei / (1 - ei)));
  const hybrid = range(n).filter((i) => h[i] === 1);
  const usual = range(n).filter((i) => h[i] === 0);
  const mu1 = weightedMean(hybrid, y, w);
  const mu0 = weightedMean(usual, y, w);
  const rd = mu1 - mu0;

  const psi = (i: number): number[] => [...x[i].map((v) => (h[i] - e[i]) * v), h[i] * (y[i] - mu1), (1 - h[i]) * w[i] * (y[i] - mu0)];
  const j = zeros(p + 2, p + 2);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) j[a][b] -= e[i] * (1 - e[i]) * x[i][a] * x[i][b];
    j[p][p] -= h[i];
    for (let a = 0; a < p; a++) j[p + 1][a] += (1 - h[i]) * w[i] * (y[i] - mu0) * x[i][a];
    j[p + 1][p + 1] -= (1 - h[i]) * w[i];
  }
  const sums = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const u = sums.get(persons.cluster[i]) ?? new Array<number>(p + 2).fill(0);
    psi(i).forEach((v, a) => {
      u[a] += v;
    });
    sums.set(persons.cluster[i], u);
  }
  const G = sums.size;
  let riskDifference: PropensityByPerson['riskDifference'] = { estimate: rd, ciLow: null, ciHigh: null };
  if (G >= 2) {
    const meat = zeros(p + 2, p + 2);
    for (const u of sums.values()) for (let a = 0; a < p + 2; a++) for (let b = 0; b < p + 2; b++) meat[a][b] += (u[a] * u[b] * G) / (G - 1);
    const jInverse = inverse(j);
    const v = multiply(multiply(jInverse, meat), transpose(jInverse));
    const se = Math.sqrt(v[p][p] - 2 * v[p][p + 1] + v[p + 1][p + 1]);
    riskDifference = { estimate: rd, ciLow: rd - Z_975 * se, ciHigh: rd + Z_975 * se };
  }

  const smdAfter: PropensityByPerson['smdAfter'] = [];
  if (cols.has.age) {
    const [m1, s1] = weightedMeanVariance(hybrid, persons.age, w);
    const [m0, s0] = weightedMeanVariance(usual, persons.age, w);
    smdAfter.push({ variable: 'age', smd: (m1 - m0) / Math.sqrt((s1 + s0) / 2) });
  }
  const binary = (values: number[]) => {
    const [p1, p0] = [weightedMean(hybrid, values, w), weightedMean(usual, values, w)];
    return (p1 - p0) / Math.sqrt((p1 * (1 - p1) + p0 * (1 - p0)) / 2);
  };
  if (cols.has.gender) smdAfter.push({ variable: 'gender', smd: binary(persons.female) });
  if (cols.has.priorWork) smdAfter.push({ variable: 'prior_work', smd: binary(persons.priorWork) });

  const usualWeights = usual.map((i) => w[i]);
  const sw = usualWeights.reduce((s, v) => s + v, 0);
  const sw2 = usualWeights.reduce((s, v) => s + v * v, 0);
  return {
    n,
    riskDifference,
    smdAfter,
    weights: { min: Math.min(...usualWeights), max: Math.max(...usualWeights), effectiveSampleSizeUsual: (sw * sw) / sw2 },
  };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function weightedMean(members: number[], values: number[], w: number[]): number {
  return members.reduce((s, i) => s + w[i] * values[i], 0) / members.reduce((s, i) => s + w[i], 0);
}

/** Weighted mean and the "reliability weights" variance Σw/((Σw)² − Σw²) · Σw(x − x̄)². */
function weightedMeanVariance(members: number[], values: number[], w: number[]): [number, number] {
  const mean = weightedMean(members, values, w);
  const sw = members.reduce((s, i) => s + w[i], 0);
  const sw2 = members.reduce((s, i) => s + w[i] * w[i], 0);
  const ss = members.reduce((s, i) => s + w[i] * (values[i] - mean) ** 2, 0);
  return [mean, (sw * ss) / (sw * sw - sw2)];
}
