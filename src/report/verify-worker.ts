// A worker thread of `verify` and `report` (started by verify-files.ts): verifies the files it is
// sent with the options the command built, exactly as the main thread would, and sends back only
// the command's view of each outcome. It never loads zod: a file that needs it goes back as null.
import type { FileOutcome } from "../summary/verify-file.js";
import { verifyFile } from "../summary/verify-file.js";
import { serveWorker } from "../util/worker-pool.js";
import { quickView, reviveVerifyOptions, type VerifyWorkerConfig } from "./verify-files.js";
import { VERIFY_VIEWS, type ViewConfig } from "./verify-views.js";

serveWorker((config: VerifyWorkerConfig) => {
  const view = VERIFY_VIEWS[config.view] as (o: FileOutcome, c: ViewConfig) => unknown;
  return quickView(verifyFile, reviveVerifyOptions(config.options), view, config.viewConfig);
});
