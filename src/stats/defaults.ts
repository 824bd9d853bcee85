/** Seed of the Monte Carlo generator for Fisher's test when exact enumeration is not feasible. */
export const FISHER_DEFAULT_SEED = 20221110;
/** Seed of the cluster bootstrap's generator when none is given: the same data then give the same interval. */
export const CLUSTER_BOOTSTRAP_DEFAULT_SEED = 20250113;
/** Bootstrap replicates when none are asked for: with 999, (R + 1)·0.025 and (R + 1)·0.975 are whole order statistics. */
export const DEFAULT_BOOTSTRAP_REPLICATES = 999;
