// A worker thread of `verify` and `report` (started by verify-files.ts): verifies the files it is
// sent with the options the command built, exactly as the main thread would.
import { serveWorker } from "../util/worker-pool.js";
import { verifyFile } from "./verify-file.js";
import { type FileToVerify, reviveVerifyOptions } from "./verify-files.js";
import type { VerifyOptions } from "./verify-summary.js";

serveWorker((config: VerifyOptions) => {
  const options = reviveVerifyOptions(config);
  return (file: FileToVerify) => verifyFile(file.abs, file.shown, options);
});
