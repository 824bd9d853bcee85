/**
 * The provenance each R fixture carries as its first field (tests/fixtures/r/generatedBy.R):
 * the script, R's version, and the version of each package of tests/fixtures/DESCRIPTION it had loaded.
 */
export interface GeneratedBy {
  script: string;
  R: string;
  packages: Record<string, string>;
}

/** A fixture's reference values without its provenance, for tests that walk every key. */
export function withoutGeneratedBy<T extends object>(fixture: T): Omit<T, 'generatedBy'> {
  const rest: Partial<T> & { generatedBy?: unknown } = { ...fixture };
  delete rest.generatedBy;
  return rest as Omit<T, 'generatedBy'>;
}
