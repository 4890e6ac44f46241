import { bankToJson, renderBankText } from "../../report/bank-text.js";
import type { Deps } from "../deps.js";
import { EXIT } from "../errors.js";
import { checkRoleFlag } from "../flags.js";
import { loadBankOrFail, styleFor, writeJson } from "../shared.js";

export interface ShowOptions {
  bank?: string;
  json?: boolean;
  role?: string;
  color?: boolean;
}

export async function runShow(opts: ShowOptions, deps: Deps): Promise<number> {
  const bank = await loadBankOrFail(opts.bank, deps);
  if (opts.role !== undefined) checkRoleFlag(bank, opts.role);
  if (opts.json) {
    writeJson(deps.stdout, bankToJson(bank, opts.role));
    return EXIT.ok;
  }
  deps.stdout.write(`${renderBankText(bank, opts.role, styleFor(deps.stdout, deps, opts.color))}\n`);
  return EXIT.ok;
}
