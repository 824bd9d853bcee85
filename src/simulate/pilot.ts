import type { Outcome } from '../ingest/types.js';
import { mulberry32, normal, randomInt } from './random.js';

/** The eight pilot offices (synthetic names). */
const PILOT_OFFICES = [
  'NAV Bergenhus',
  'NAV Bodø',
  'NAV Drammen',
  'NAV Fredrikstad',
  'NAV Grünerløkka',
  'NAV Kristiansand',
  'NAV Tromsø',
  'NAV Trondheim',
] as const;

export interface SimulationOptions {
  seed: number;
  /** Target total rows. Unset: the pilot design of 5–9 counsellors per office. */
  rows?: number;
  /** Share of outcomes not yet registered. */
  missingShare?: number;
}

export interface SimulatedOffice {
  office: string;
  /** Canonical CSV text of this office's export. */
  csv: string;
  rows: number;
}

const HEADER = 'person_id,office,counsellor_id,group,outcome,age,gender,prior_work,start_date,end_date';
const MEAN_USERS_PER_COUNSELLOR = 42.5 + 2.5;

/**
 * Writes a synthetic pilot: eight offices, 5–9 counsellors each, 25–60 "as usual"
 * and 2–3 hybrid users per counsellor. Counsellors pick hybrid users who are
 * closer to work (younger, more often with prior work), so the crude comparison
 * is confounded, as in the real pilot. All data is synthetic.
 */
export function simulatePilot(options: SimulationOptions): SimulatedOffice[] {
  const rand = mulberry32(options.seed);
  const missingShare = options.missingShare ?? 0.04;
  const counsellorsPerOffice = options.rows === undefined ? null : Math.max(1, Math.round(options.rows / PILOT_OFFICES.length / MEAN_USERS_PER_COUNSELLOR));
  let serial = 0;
  return PILOT_OFFICES.map((office, officeIndex) => {
    const officeEffect = normal(rand) * 0.35;
    const counsellors = counsellorsPerOffice ?? randomInt(rand, 5, 9);
    const lines: string[] = [HEADER];
    for (let c = 1; c <= counsellors; c++) {
      const counsellorId = `V${String(officeIndex + 1)}${String(c).padStart(3, '0')}`;
      const counsellorEffect = normal(rand) * 0.25;
      const usual = randomInt(rand, 25, 60);
      const hybrid = randomInt(rand, 2, 3);
      for (let u = 0; u < usual + hybrid; u++) {
        const isHybrid = u >= usual;
        serial += 1;
        const priorWork = rand() < (isHybrid ? 0.6 : 0.4) ? 1 : 0;
        const age = Math.min(80, Math.max(16, Math.round((isHybrid ? 27 : 31) + normal(rand) * 8)));
        const female = rand() < 0.45;
        const linear = -1.3 + officeEffect + counsellorEffect + 0.7 * priorWork - 0.03 * (age - 30) + (isHybrid ? 0.6 : 0);
        const outcome = drawOutcome(rand, linear);
        const start = new Date(Date.UTC(2022, 0, 3) + randomInt(rand, 0, 364) * 86_400_000);
        const missing = rand() < missingShare;
        const end = missing ? null : new Date(start.getTime() + randomInt(rand, 60, 540) * 86_400_000);
        lines.push(
          [
            `P${String(serial).padStart(7, '0')}`,
            office,
            counsellorId,
            isHybrid ? 'hybrid' : 'usual',
            missing ? '' : outcome,
            String(age),
            female ? 'F' : 'M',
            String(priorWork),
            isoDate(start),
            end === null ? '' : isoDate(end),
          ].join(','),
        );
      }
    }
    return { office, csv: `${lines.join('\n')}\n`, rows: lines.length - 1 };
  });
}

function drawOutcome(rand: () => number, linear: number): Outcome {
  const pPositive = 1 / (1 + Math.exp(-linear));
  if (rand() >= pPositive) return 'none';
  const r = rand();
  if (r < 0.5) return 'job';
  if (r < 0.7) return 'apprenticeship';
  return 'education';
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** File name for an office export: lower-case ASCII slug. */
export function officeFileName(office: string): string {
  const slug = office
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug}.csv`;
}
