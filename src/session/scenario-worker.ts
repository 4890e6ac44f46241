// A worker thread of `test` (started by parseScenarioFiles in load-scenarios.ts): reads, parses
// and format-checks the scenario files it is sent, exactly as the main thread would.
import { serveWorker } from "../util/worker-pool.js";
import { parseScenarioFile } from "./load-scenarios.js";

serveWorker(() => (f: { file: string; shown: string }) => parseScenarioFile(f.file, f.shown));
