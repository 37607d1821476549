/** A worker for test/runs/worker-pool.test.ts: doubles each number it is sent, fails on a negative one, and hands over how many it doubled. */
import { serveJobs } from '../../src/runs/worker-pool.ts';

let doubled = 0;
serveJobs(
  (n: number) => {
    if (n < 0) throw new Error(`negative ${n}`);
    doubled++;
    return n * 2;
  },
  () => ({ value: doubled }),
);
