/** Seed of the Monte Carlo generator for Fisher's test when exact enumeration is not feasible. */
export const FISHER_DEFAULT_SEED = 20221110;
