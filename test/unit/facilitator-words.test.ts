import { beforeAll, describe, expect, it } from "vitest";
import type { Bank, ResolvedSection } from "../../src/bank/bank.js";
import { createStyle } from "../../src/report/style.js";
import { presentQuestions } from "../../src/session/facilitator.js";
import type { Prompter } from "../../src/session/prompter.js";
import { MINIMAL_BANK } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";

/** A group session names the policy's reflective test in the bank's words, never the tool's. */
let bank: Bank;
beforeAll(async () => {
  bank = await mustLoad(MINIMAL_BANK);
});

/** Reveals, then ends the session: enough to see the discussion screen and the guidance. */
const prompter: Prompter = {
  select: async ({ key }) => (key.endsWith("/step") ? "reveal" : "end"),
  checkbox: async () => [],
  pause: async () => undefined,
  password: async () => "",
  input: async () => "",
};

async function present(section: ResolvedSection): Promise<string> {
  let out = "";
  await presentQuestions({ bank, sections: [section], prompter, out: { write: (t: string) => (out += t) }, style: createStyle(false), width: 80, clear: false });
  // Compared as running text: the screen wraps it.
  return out.replace(/\s+/g, " ");
}

function publicTestSection(changes: Record<string, string | undefined>): ResolvedSection {
  const beta = bank.sections[1];
  const q = beta?.questions.find((x) => x.type === "public-test");
  if (!beta || !q) throw new Error("fixture");
  const changed = { ...q, ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete (changed as Record<string, unknown>)[k];
  return { ...beta, questions: [changed] };
}

describe("present: the reflective test", () => {
  it("uses the bank's title, wording and discussion", async () => {
    const text = await present(publicTestSection({ title: "The front-page test", wording: "would I be happy if this were public?", discussion: "Think of a post from the news." }));
    expect(text).toContain("Discussion: The front-page test");
    expect(text).toContain("“would I be happy if this were public?”");
    expect(text).toContain("Think of a post from the news. For it, ask:");
    expect(text).toContain("Would you be unhappy if it were public?");
  });

  it("without them, neutral words and the bank's own prompt parts; never the default policy's name", async () => {
    const text = await present(publicTestSection({ title: undefined, wording: undefined, discussion: undefined }));
    expect(text).toContain("Discussion: A question to ask yourself");
    expect(text).toContain("Nobody shares their own. For it, ask:");
    expect(text).not.toMatch(/public[- ]knowledge|headteacher/i);
  });
});

describe("present: the policy's words at the reveal", () => {
  it("carry the clause's reference, never its internal id", async () => {
    const alpha = bank.sections[0];
    if (!alpha) throw new Error("fixture");
    const text = await present({ ...alpha, questions: alpha.questions.slice(0, 1) });
    expect(text).toContain("Alpha section, 1st point: “Staff must not share pupil photographs online.”");
    expect(text).not.toContain("al-1");
  });
});
