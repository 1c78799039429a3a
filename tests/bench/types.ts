export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Free-form context printed alongside (e.g. which printer, wire time); keep it short. */
  note?: string;
}

/**
 * A group measures one or more figures in one run (e.g. render time and size of the same PDF).
 * `names` lists every figure it prints, so `npm run bench -- <prefix>` can pick groups without running them.
 */
export interface BenchGroup {
  names: string[];
  run(): Promise<BenchResult[]>;
}
