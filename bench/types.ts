/** Options every scenario takes. `quick`: tiny sizes and single runs (the smoke test). */
export interface BenchOptions {
  quick: boolean;
}

/** One scenario's figures, merged into the run's JSON object. */
export type Figures = Record<string, number | string | boolean | null>;
