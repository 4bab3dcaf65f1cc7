import type { BenchOptions } from '../lib/args';
import type { Row } from '../lib/report';

/** One benchmark: runs against its own processes and returns its rows; progress goes to `log`. */
export type Scenario = {
  description: string;
  /** Client counts it runs at unless --clients says (one run per size). */
  sizes: readonly number[];
  /** Its own defaults for options the command line does not give. */
  defaults?: Partial<BenchOptions>;
  /** Whether `--scenario all` (the default) runs it; the soak runs on its own. */
  inAll: boolean;
  /** How long a run with these options may take before it is aborted, unless --timeout-s says. */
  timeoutS: (options: BenchOptions) => number;
  run: (options: BenchOptions, log: (line: string) => void) => Promise<Row[]>;
};
