import { adjustedDesigns, attData, covariateTerms, FEW_CLUSTERS } from './adjusted.js';
import { attEstimate, type AttResult } from '../stats/augmentedWeightingAtt.js';
import type { StatWarning } from '../stats/types.js';
import type { PersonColumns } from '../table/types.js';

/** The report's primary estimate: the effect on hybrid users (ATT) of the hybrid model on work or education. */
export interface PrimaryEstimate {
  estimand: 'ATT';
  method: 'AIPW';
  /** Persons used (the adjusted model's sample), and how many of them are hybrid users. */
  n: number;
  nHybrid: number;
  /** Terms of the propensity and the outcome model, in R formula notation. */
  terms: string[];
  clusterBy: 'counsellor' | 'office';
  clusters: number;
  /** Share in work or education among hybrid users. */
  meanHybrid: number | null;
  /** Estimated share had the same users been followed as usual. */
  meanHybridIfUsual: number | null;
  riskDifference: { estimate: number | null; ciLow: number | null; ciHigh: number | null; pValue: number | null };
  riskRatio: { estimate: number | null; ciLow: number | null; ciHigh: number | null };
  /** The as-usual users' ATT weights ps/(1 − ps): Kish effective sample size and the largest weight. */
  weights: { effectiveSampleSizeUsual: number | null; max: number | null };
  warnings: StatWarning[];
}

/**
 * The primary estimate: augmented inverse-probability weighting (doubly robust,
 * normalised) for the average effect of the hybrid model on its users (ATT) on
 * work or education. Propensity model: group on office and the covariates
 * present; outcome model: work or education on the same terms among as-usual
 * users. Variance: the stacked estimating-equation sandwich clustered by
 * counsellor with G/(G − 1) (stats/augmentedWeightingAtt.ts).
 *
 * Not identified when an office in the sample has hybrid users but no as-usual
 * users (`PRIMARY_NO_OVERLAP`): nothing there says what following as usual gives.
 */
export function primaryEstimate(cols: PersonColumns): PrimaryEstimate {
  const designs = adjustedDesigns(cols);
  const { sample } = designs;
  const warnings: StatWarning[] = [];
  let nHybrid = 0;
  const perOffice = new Float64Array(cols.offices.length * 2);
  for (const i of sample.rows) {
    nHybrid += cols.hybrid[i];
    perOffice[cols.office[i] * 2 + cols.hybrid[i]] += 1;
  }
  const clusterBy = cols.has.counsellor ? 'counsellor' : 'office';
  const empty: PrimaryEstimate = {
    estimand: 'ATT',
    method: 'AIPW',
    n: sample.rows.length,
    nHybrid,
    terms: covariateTerms(sample),
    clusterBy,
    clusters: 0,
    meanHybrid: null,
    meanHybridIfUsual: null,
    riskDifference: { estimate: null, ciLow: null, ciHigh: null, pValue: null },
    riskRatio: { estimate: null, ciLow: null, ciHigh: null },
    weights: { effectiveSampleSizeUsual: null, max: null },
    warnings,
  };
  const noOverlap = sample.offices.filter((o) => perOffice[o * 2 + 1] > 0 && perOffice[o * 2] === 0);
  if (nHybrid > 0 && noOverlap.length > 0) {
    warnings.push({
      code: 'PRIMARY_NO_OVERLAP',
      params: { offices: noOverlap.map((o) => cols.offices[o]) },
      message: `Office(s) with hybrid users but no as-usual users in the sample: ${noOverlap.map((o) => cols.offices[o]).join(', ')}. Nothing there shows what following as usual gives, so no primary estimate is made.`,
    });
    return empty;
  }
  const att: AttResult = attEstimate(attData(cols, designs), { augmented: true });
  warnings.push(...att.warnings);
  if (att.meanTreated === null) return { ...empty, clusters: att.clusters };
  if (att.clusters < FEW_CLUSTERS) {
    warnings.push({
      code: 'PRIMARY_FEW_CLUSTERS',
      params: { clusters: att.clusters, clusterBy },
      message:
        clusterBy === 'office'
          ? `No counsellor column, so the interval is clustered by office (${att.clusters} clusters) and is likely too narrow.`
          : `Only ${att.clusters} counsellors as clusters, so the interval is likely too narrow.`,
    });
  }
  return {
    ...empty,
    clusters: att.clusters,
    meanHybrid: att.meanTreated,
    meanHybridIfUsual: att.meanUntreated,
    riskDifference: { estimate: att.difference.estimate, ciLow: att.difference.ciLow, ciHigh: att.difference.ciHigh, pValue: att.difference.pValue },
    riskRatio: { estimate: att.ratio.estimate, ciLow: att.ratio.ciLow, ciHigh: att.ratio.ciHigh },
    weights: { effectiveSampleSizeUsual: att.weights.effectiveSampleSize, max: att.weights.max },
  };
}
