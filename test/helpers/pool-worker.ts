// A worker for the pool's own tests (test/unit/worker-pool.test.ts): adds the configured offset,
// throws for -1 and ends its thread for -2, so errors and dead workers can be tested.
import { threadId } from "node:worker_threads";
import { serveWorker } from "../../src/util/worker-pool.js";

serveWorker((config: { offset: number }) => (item: number) => {
  if (item === -1) throw new Error("item -1 is not allowed");
  if (item === -2) process.exit(3);
  return { value: item + config.offset, thread: threadId };
});
