// A worker thread of `verify` and `report` (started by verify-files.ts): verifies the files it is
// sent with the options the command built, exactly as the main thread would, and sends back only
// the command's view of each outcome. It never loads zod: a file that needs it goes back as null.
import { verifyFile } from "../summary/verify-file.js";
import { serveWorker } from "../util/worker-pool.js";
import { type FileToVerify, reviveVerifyOptions, type VerifyWorkerConfig } from "./verify-files.js";
import { VERIFY_VIEWS } from "./verify-views.js";

serveWorker((config: VerifyWorkerConfig) => {
  const options = reviveVerifyOptions(config.options);
  const view = VERIFY_VIEWS[config.view] as (o: ReturnType<typeof verifyFile>, c: VerifyWorkerConfig["viewConfig"]) => unknown;
  // A file the quick check refuses goes back as null: the main thread verifies it in full.
  return (file: FileToVerify) => {
    const outcome = verifyFile(file.abs, file.shown, options);
    return outcome === undefined ? null : view(outcome, config.viewConfig);
  };
});
