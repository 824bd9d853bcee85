import type { PersonColumns } from '../../../src/table/types.js';

/**
 * The adjusted analyses' persons, one row each, by their definition: a registered
 * outcome and every covariate present in the input known. `covariates` is each
 * person's model row without group: 1, a dummy per office of the sample but the
 * first (treatment contrasts), then age, female and prior work where present.
 * Clusters are counsellors (offices when the input has no counsellor column); a
 * person without a counsellor is a cluster of their own.
 */
export interface AnalysisPersons {
  covariates: number[][];
  hybrid: number[];
  /** 1 for job, apprenticeship or education (outcome 0, 1 or 2), 0 for none (3). */
  workOrEducation: number[];
  cluster: string[];
  age: number[];
  female: number[];
  priorWork: number[];
}

export function analysisPersons(cols: PersonColumns): AnalysisPersons {
  const { has } = cols;
  const persons: number[] = [];
  for (let i = 0; i < cols.n; i++) {
    const complete =
      cols.outcome[i] >= 0 && !(has.age && Number.isNaN(cols.age[i])) && !(has.gender && cols.female[i] < 0) && !(has.priorWork && cols.priorWork[i] < 0);
    if (complete) persons.push(i);
  }
  const offices = [...new Set(persons.map((i) => cols.office[i]))].sort((a, b) => a - b);
  const covariates = persons.map((i) => [
    1,
    ...offices.slice(1).map((o) => (cols.office[i] === o ? 1 : 0)),
    ...(has.age ? [cols.age[i]] : []),
    ...(has.gender ? [cols.female[i]] : []),
    ...(has.priorWork ? [cols.priorWork[i]] : []),
  ]);
  const cluster = persons.map((i) => {
    if (!has.counsellor) return `office ${cols.office[i]}`;
    return cols.counsellor[i] >= 0 ? `counsellor ${cols.counsellor[i]}` : `person ${i}`;
  });
  return {
    covariates,
    hybrid: persons.map((i) => cols.hybrid[i]),
    workOrEducation: persons.map((i) => (cols.outcome[i] <= 2 ? 1 : 0)),
    cluster,
    age: persons.map((i) => cols.age[i]),
    female: persons.map((i) => cols.female[i]),
    priorWork: persons.map((i) => cols.priorWork[i]),
  };
}
