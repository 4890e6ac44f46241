import type { Bank } from "../../src/bank/bank.js";
import { loadBank } from "../../src/bank/load-bank.js";

export async function mustLoad(dir: string): Promise<Bank> {
  const { bank, diagnostics } = await loadBank(dir);
  if (!bank) throw new Error(`fixture bank is invalid: ${JSON.stringify(diagnostics)}`);
  return bank;
}
