import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allQuestions, type Bank, findQuestion, isChoice } from "../../src/bank/bank.js";
import { loadBank } from "../../src/bank/load-bank.js";
import { DEFAULT_BANK } from "../helpers/bank-fixture.js";
import { keyedAnswers } from "../helpers/answers.js";
import { runCli } from "../helpers/cli.js";

/**
 * Every rule the policy states as must / must not, and every safeguarding boundary, is decided by
 * a critical question of its own (bank.yaml documents the choice, with the policy's words). Each
 * row: the rule, the question that tests it, and a wrong answer to it.
 */
const MUST_RULES: { rule: string; question: string; wrong: string; section: string; role?: string }[] = [
  { rule: "ua-3 matters relating to parents (a caption)", question: "personal-use-night-out-caption", wrong: "yes", section: "personal-use" },
  { rule: "ua-7 abusive comments about a colleague (a private chat made public)", question: "personal-use-group-chat-screenshot", wrong: "private-chat", section: "personal-use" },
  { rule: "ua-14 discrimination", question: "personal-use-political-rant", wrong: "private-group", section: "personal-use" },
  { rule: "re-3 report a colleague's breach", question: "responsibilities-colleague-breach", wrong: "private-word", section: "responsibilities" },
  { rule: "re-3 report a suspected breach", question: "responsibilities-suspected-breach", wrong: "wait-until-sure", section: "responsibilities" },
  { rule: "re-3 report your own breach", question: "responsibilities-own-breach", wrong: "no", section: "responsibilities" },
  { rule: "re-5 everything posted online is public", question: "responsibilities-private-account", wrong: "private-is-private", section: "responsibilities" },
  { rule: "re-11 privacy settings updated and maintained", question: "responsibilities-privacy-settings", wrong: "app-responsibility", section: "responsibilities" },
  { rule: "re-11 passwords kept secure and confidential", question: "responsibilities-shared-password", wrong: "their-responsibility", section: "responsibilities" },
  { rule: "ua-6/ua-15 a teacher's own class account", question: "responsibilities-teacher-class-account", wrong: "fine-no-faces", section: "responsibilities", role: "teacher" },
  { rule: "sg-5 no contact with current pupils", question: "safeguarding-current-pupil-request", wrong: "accept", section: "safeguarding" },
  { rule: "sg-5 pupils of any other educational establishment", question: "safeguarding-other-school-pupil", wrong: "accept-not-our-pupil", section: "safeguarding" },
  { rule: "sg-6 even with a parent's permission", question: "safeguarding-parent-permission", wrong: "ok-with-permission", section: "safeguarding" },
  { rule: "sg-7 the relative exception does not cover a family friend", question: "safeguarding-family-friend", wrong: "accept-family-exception", section: "safeguarding" },
  { rule: "sg-12/sg-13 out of hours, on personal devices", question: "safeguarding-evening-personal-phone", wrong: "redirect-reply", section: "safeguarding" },
  { rule: "sg-9 past pupil aged 17", question: "safeguarding-former-pupil-17", wrong: "accept-left-school", section: "safeguarding" },
  { rule: "sg-9 past pupil aged 18", question: "safeguarding-former-pupil-18", wrong: "accept-adult", section: "safeguarding" },
  { rule: "sg-2 agreed methods of communication", question: "safeguarding-agreed-methods", wrong: "pupil-group", section: "safeguarding" },
  { rule: "ua-16 images of colleagues without permission", question: "unacceptable-use-sports-day-colleague-photo", wrong: "post-without-tag", section: "unacceptable-use" },
  { rule: "ua-15 images of pupils (a colleague's permission)", question: "unacceptable-use-sports-day-photo-with-pupils", wrong: "colleague-agreed", section: "unacceptable-use" },
  { rule: "ua-15 images of pupils (a private account)", question: "unacceptable-use-school-trip-photo", wrong: "private-account", section: "unacceptable-use" },
  { rule: "ua-15 images of pupils from a previous school", question: "unacceptable-use-previous-school-pupils", wrong: "post-old-school", section: "unacceptable-use" },
  { rule: "ua-20 social media as a forum for concerns", question: "unacceptable-use-complaint-about-school", wrong: "closed-group", section: "unacceptable-use" },
  { rule: "ua-9 the working day, unless on a designated break", question: "unacceptable-use-working-day-gap", wrong: "quick-look-fine", section: "unacceptable-use" },
  { rule: "ua-9 a quiet task is not a break (teaching assistant)", question: "unacceptable-use-ta-quiet-task", wrong: "teacher-agreed", section: "unacceptable-use", role: "teaching-assistant" },
  { rule: "ua-17 alias accounts", question: "unacceptable-use-alias-account", wrong: "if-untraceable", section: "unacceptable-use" },
  { rule: "ua-6 a personal post speaking for the school", question: "communications-school-name-personal-account", wrong: "fine-as-professional", section: "communications" },
  { rule: "ua-6 identifying as a representative of the school", question: "unacceptable-use-profile-bio", wrong: "views-my-own", section: "unacceptable-use" },
  { rule: "ua-1 confidential information about parents", question: "unacceptable-use-parent-private-group", wrong: "no-name", section: "unacceptable-use" },
  { rule: "ua-2 confidential information of a previous school", question: "unacceptable-use-previous-school-confidential", wrong: "yes", section: "unacceptable-use" },
  { rule: "ua-7 abusive comments", question: "unacceptable-use-abusive-comment", wrong: "former-parent-fine", section: "unacceptable-use" },
  { rule: "ua-8 harassment and cyber-bullying", question: "unacceptable-use-cyberbullying", wrong: "fine-private", section: "unacceptable-use" },
  { rule: "ua-14 defamation", question: "unacceptable-use-defamation", wrong: "not-school-related", section: "unacceptable-use" },
  { rule: "ua-4 commenting on material contrary to British values", question: "unacceptable-use-comment-british-values", wrong: "only-publishing", section: "unacceptable-use" },
  { rule: "ua-11 an account updated by proxy", question: "unacceptable-use-account-run-by-charity", wrong: "not-covered", section: "unacceptable-use" },
  { rule: "ua-13 illegal material", question: "unacceptable-use-illegal-material", wrong: "watch-not-share", section: "unacceptable-use" },
  { rule: "ua-18 material that could bring the school into disrepute", question: "unacceptable-use-sharing-disrepute", wrong: "no", section: "unacceptable-use" },
  { rule: "ua-1 pupils' data (support staff)", question: "unacceptable-use-office-pupil-data", wrong: "confirm-only", section: "unacceptable-use", role: "support-staff" },
  { rule: "ua-1 the school's confidential figures (support staff)", question: "unacceptable-use-school-accounts", wrong: "correct-facts", section: "unacceptable-use", role: "support-staff" },
  { rule: "ua-3 matters relating to pupils (volunteer)", question: "unacceptable-use-volunteer-parents-group", wrong: "short-facts", section: "unacceptable-use", role: "volunteer" },
  { rule: "ua-15 images of pupils (volunteer's own child with classmates)", question: "unacceptable-use-volunteer-own-child", wrong: "own-child-exception", section: "unacceptable-use", role: "volunteer" },
  { rule: "ua-3 matters of previous schools (supply worker)", question: "unacceptable-use-supply-week", wrong: "fine-other-schools", section: "unacceptable-use", role: "casual-worker" },
  { rule: "sg-5 a teaching assistant and a parent's request", question: "safeguarding-ta-one-to-one", wrong: "agree-mother-present", section: "safeguarding", role: "teaching-assistant" },
  { rule: "sg-5 a supply worker and another school's pupil", question: "safeguarding-supply-other-school", wrong: "reply-school-device", section: "safeguarding", role: "casual-worker" },
];

let bank: Bank;
let work: string;
beforeAll(async () => {
  const loaded = await loadBank(DEFAULT_BANK);
  if (!loaded.bank) throw new Error("default bank does not load");
  bank = loaded.bank;
  work = await mkdtemp(path.join(tmpdir(), "selfcheck-critical-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The CLI in-process (the shared runner), in the work folder, with a fixed clock and seed. */
function run(argv: string[]) {
  return runCli(argv, { cwd: work, deps: { now: () => new Date("2026-01-01T00:00:00Z"), randomSeed: () => 1 } });
}

describe("critical questions of the default bank", () => {
  it("at least 14 critical questions, none of them a select-all", () => {
    const critical = allQuestions(bank).filter((q) => isChoice(q) && q.critical === true);
    expect(critical.length).toBeGreaterThanOrEqual(14);
    expect(critical.filter((q) => q.type === "multi").map((q) => q.id)).toEqual([]);
  });

  it("every must-rule's question exists, is critical, and cites the rule's clause", () => {
    for (const row of MUST_RULES) {
      const q = findQuestion(bank, row.question);
      expect(q && isChoice(q) && q.critical, row.question).toBe(true);
      expect(q?.section, row.question).toBe(row.section);
      const clauses = row.rule.match(/\b[a-z]{2}-\d+\b/g) ?? [];
      expect(clauses.some((c) => q?.clauses.includes(c)), `${row.question} cites ${clauses.join("/")}`).toBe(true);
      if (q && isChoice(q)) {
        const option = q.options.find((o) => o.id === row.wrong);
        expect(option && option.correct !== true, `${row.question}: ${row.wrong} is a wrong option`).toBe(true);
      }
    }
  });

  for (const row of MUST_RULES) {
    it(`${row.rule}: all correct but ${row.question} exits 1, ${row.section} fails, every other section passes`, async () => {
      const file = path.join(work, `${row.question}.json`);
      await writeFile(file, JSON.stringify(keyedAnswers(bank, { [row.question]: row.wrong })));
      const argv = ["run", "--answers", file, "--json", ...(row.role ? ["--role", row.role] : [])];
      const { code, stdout, stderr } = await run(argv);
      expect(stderr).toBe("");
      expect(code).toBe(1);
      const result = JSON.parse(stdout) as { sections: { id: string; result: string; criticalMissed: string[] }[] };
      for (const s of result.sections) {
        if (s.id === row.section) expect(s).toMatchObject({ result: "fail", criticalMissed: [row.question] });
        else expect(s.result, s.id).toBe("pass");
      }
    });
  }
});
