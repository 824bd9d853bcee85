/**
 * Small pilots of the shapes where disclosure control is hardest, written as one
 * canonical CSV per office (nav-<office>.csv, so the attacker can tell a file's
 * office from its name): tiny and one-person groups, an office with no hybrid
 * users, an office whose hybrid users all ended with none, no missing outcomes at
 * all, and seeded random small pilots. The shapes are written apart from src/simulate
 * (only its seeded generator is shared).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 as generator } from '../../src/simulate/random.js';

const OFFICES = ['NAV Alta', 'NAV Bodø', 'NAV Drammen', 'NAV Fredrikstad', 'NAV Gjøvik', 'NAV Hamar'];
const OUTCOMES = ['job', 'apprenticeship', 'education', 'none'] as const;

export interface OfficePlan {
  hybrid: number;
  usual: number;
  /** Outcome shares (job, apprenticeship, education, none) per group. */
  hybridShares?: number[];
  usualShares?: number[];
}

export interface PilotPlan {
  seed: number;
  offices: OfficePlan[];
  /** Share of persons whose outcome is not registered yet. */
  missingOutcome: number;
  /** Share of persons with a missing covariate. */
  missingCovariate: number;
}

const pick = (random: () => number, shares: number[]) => {
  const total = shares.reduce((a, b) => a + b, 0);
  let u = random() * total;
  for (let i = 0; i < shares.length; i++) {
    u -= shares[i];
    if (u < 0) return OUTCOMES[i];
  }
  return OUTCOMES[shares.length - 1];
};

/** The office's file name as the attacker reads it: nav-<office, ASCII, lower case>.csv. */
export const officeFile = (office: string) => `${office.toLowerCase().replace('nav ', 'nav-').replace('ø', 'o').replace('ü', 'u').replace(/\s+/g, '-')}.csv`;

export function writePilot(dir: string, plan: PilotPlan): void {
  const random = generator(plan.seed);
  let id = 0;
  plan.offices.forEach((office, k) => {
    const name = OFFICES[k];
    const rows = ['person_id,office,counsellor_id,group,outcome,age,gender,prior_work,start_date,end_date'];
    for (const group of ['hybrid', 'usual'] as const) {
      const n = office[group];
      const shares = (group === 'hybrid' ? office.hybridShares : office.usualShares) ?? (group === 'hybrid' ? [0.3, 0.1, 0.1, 0.5] : [0.2, 0.05, 0.05, 0.7]);
      for (let i = 0; i < n; i++) {
        id++;
        const outcome = random() < plan.missingOutcome ? '' : pick(random, shares);
        const age = random() < plan.missingCovariate ? '' : String(18 + Math.floor(random() * 12));
        const gender = random() < 0.45 ? 'F' : 'M';
        const prior = random() < 0.4 ? '1' : '0';
        rows.push(
          `P${String(id).padStart(6, '0')},${name},V${k}${i % 3},${group},${outcome},${age},${gender},${prior},2023-01-02,${outcome === '' ? '' : '2023-09-01'}`,
        );
      }
    }
    writeFileSync(join(dir, officeFile(name)), `${rows.join('\n')}\n`);
  });
}

/** The named shapes of the audit. */
export const SHAPES: Record<string, PilotPlan> = {
  'a hybrid group of 3': {
    seed: 1,
    offices: [
      { hybrid: 1, usual: 40 },
      { hybrid: 0, usual: 35 },
      { hybrid: 2, usual: 50 },
      { hybrid: 0, usual: 30 },
    ],
    missingOutcome: 0.04,
    missingCovariate: 0.02,
  },
  'a hybrid group of 1': {
    seed: 2,
    offices: [
      { hybrid: 0, usual: 40 },
      { hybrid: 1, usual: 45 },
      { hybrid: 0, usual: 38 },
    ],
    missingOutcome: 0.03,
    missingCovariate: 0,
  },
  'an office with no hybrid users': {
    seed: 3,
    offices: [
      { hybrid: 8, usual: 60 },
      { hybrid: 0, usual: 55 },
      { hybrid: 9, usual: 70 },
      { hybrid: 7, usual: 48 },
    ],
    missingOutcome: 0.04,
    missingCovariate: 0.02,
  },
  'an office whose hybrid users all ended with none': {
    seed: 4,
    offices: [
      { hybrid: 6, usual: 50, hybridShares: [0, 0, 0, 1] },
      { hybrid: 9, usual: 65 },
      { hybrid: 7, usual: 52 },
      { hybrid: 3, usual: 40 },
    ],
    missingOutcome: 0.04,
    missingCovariate: 0.02,
  },
  'no outcome missing anywhere': {
    seed: 5,
    offices: [
      { hybrid: 3, usual: 45 },
      { hybrid: 4, usual: 52 },
      { hybrid: 2, usual: 38 },
      { hybrid: 6, usual: 60 },
    ],
    missingOutcome: 0,
    missingCovariate: 0,
  },
  'rare apprenticeship and education': {
    seed: 6,
    offices: [
      { hybrid: 10, usual: 80 },
      { hybrid: 12, usual: 90 },
      { hybrid: 9, usual: 70 },
    ],
    missingOutcome: 0.02,
    missingCovariate: 0.01,
  },
};

/** A small random pilot: 2–6 offices of 5–60 users, 0–6 hybrid users each, random outcome shares. */
export function randomPlan(seed: number): PilotPlan {
  const random = generator(1000 + seed);
  const shares = () => OUTCOMES.map((_, i) => (i === 3 ? 1 + random() * 3 : random() * (i === 0 ? 1 : 0.3)));
  const offices = Array.from({ length: 2 + Math.floor(random() * 5) }, () => ({
    hybrid: Math.floor(random() * 7),
    usual: 5 + Math.floor(random() * 56),
    hybridShares: shares(),
    usualShares: shares(),
  }));
  return { seed, offices, missingOutcome: random() * 0.06, missingCovariate: random() * 0.04 };
}
