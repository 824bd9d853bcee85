import type { PersonColumns } from '../../../src/table/types.js';
import { analysisPersons } from './analysisPersons.js';
import { cr2ClusterCovariance, hc0ClusterCovariance } from './clusterSandwich.js';
import { fitLogisticByPerson } from './logisticNewton.js';
import { normalTwoSidedP, Z_975 } from './normalTail.js';

export interface AdjustedByPerson {
  n: number;
  /** Clusters in the robust variance; 0 with fewer than two (none computed), as AdjustedEstimate. */
  clusters: number;
  variance: 'HC0' | 'CR2';
  /** Satterthwaite df with CR2, null with HC0. */
  df: number | null;
  /** With CR2 the interval and p (Student t on df) are not computed here: undefined. */
  oddsRatio: { estimate: number; ciLow?: number | null; ciHigh?: number | null; pValue?: number | null };
  standardError: { modelBased: number; clusterRobust: number | null };
}

/**
 * The adjusted odds ratio of work or education, hybrid vs usual, by definition: the
 * person-level logistic regression on group, office dummies and the covariates
 * present; below 30 clusters the CR2 standard error with Satterthwaite df, else HC0
 * with G/(G − 1) and a Wald interval exp(β ± z·SE) and p = 2 P(Z ≥ |β/SE|).
 */
export function adjustedByPerson(cols: PersonColumns): AdjustedByPerson {
  const persons = analysisPersons(cols);
  const x = persons.covariates.map(([intercept, ...rest], i) => [intercept, persons.hybrid[i], ...rest]);
  const y = persons.workOrEducation;
  const fit = fitLogisticByPerson(x, y);
  const beta = fit.coefficients[1];
  const modelBased = Math.sqrt(fit.covariance[1][1]);
  const n = x.length;
  const hc0 = hc0ClusterCovariance(x, y, fit, persons.cluster);
  if (hc0 === null) {
    return {
      n,
      clusters: 0,
      variance: 'HC0',
      df: null,
      oddsRatio: { estimate: Math.exp(beta), ciLow: null, ciHigh: null, pValue: null },
      standardError: { modelBased, clusterRobust: null },
    };
  }
  if (hc0.clusters < 30) {
    const cr2 = cr2ClusterCovariance(x, y, fit, persons.cluster, 1)!;
    return {
      n,
      clusters: cr2.clusters,
      variance: 'CR2',
      df: cr2.df,
      oddsRatio: { estimate: Math.exp(beta) },
      standardError: { modelBased, clusterRobust: Math.sqrt(cr2.covariance[1][1]) },
    };
  }
  const se = Math.sqrt(hc0.covariance[1][1]);
  return {
    n,
    clusters: hc0.clusters,
    variance: 'HC0',
    df: null,
    oddsRatio: { estimate: Math.exp(beta), ciLow: Math.exp(beta - Z_975 * se), ciHigh: Math.exp(beta + Z_975 * se), pValue: normalTwoSidedP(beta / se) },
    standardError: { modelBased, clusterRobust: se },
  };
}
