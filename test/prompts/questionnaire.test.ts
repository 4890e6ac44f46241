import { checkbox, input, password, select } from "@inquirer/prompts";
import { render } from "@inquirer/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { createStyle } from "../../src/report/style.js";
import { inquirerPrompter, type PromptFunctions } from "../../src/session/inquirer-prompter.js";
import { InterruptedError } from "../../src/session/prompter.js";
import type { Mode } from "../../src/engine/mode.js";
import { askQuestions } from "../../src/session/questionnaire.js";
import { MINIMAL_BANK } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";

type Rendered = Awaited<ReturnType<typeof render>>;
/** What the person does at one prompt, seeing its screen. */
type Step = (prompt: Rendered) => void | Promise<void>;

/** Moves the cursor to the choice whose line contains `label`, then presses Enter. */
const choose =
  (label: string): Step =>
  ({ events, getScreen }) => {
    for (let i = 0; i < 10 && !cursorLine(getScreen()).includes(label); i++)
      events.keypress("down");
    // Lists do not wrap around: a choice above the cursor is reached by going up.
    for (let i = 0; i < 20 && !cursorLine(getScreen()).includes(label); i++)
      events.keypress("up");
    expect(cursorLine(getScreen())).toContain(label);
    events.keypress("enter");
  };
/** Ticks each label in a checkbox, then Enter. */
const tick =
  (...labels: string[]): Step =>
  ({ events, getScreen }) => {
    for (const label of labels) {
      for (let i = 0; i < 10 && !cursorLine(getScreen()).includes(label); i++)
        events.keypress("down");
      events.keypress("space");
    }
    events.keypress("enter");
  };
/** Enter at a "press Enter" pause. */
const enter: Step = ({ events }) => events.keypress("enter");
const cursorLine = (screen: string) => screen.split("\n").find((l) => l.includes("❯")) ?? "";

/**
 * Real @inquirer/prompts rendered by @inquirer/testing, one scripted step per prompt; records
 * every screen so tests can check what the person saw.
 */
function scriptedTerminal(steps: Step[]) {
  const screens: string[] = [];
  const run = async <T>(
    prompt: (config: never, context?: object) => Promise<T>,
    config: unknown,
  ) => {
    const step = steps.shift();
    if (!step) throw new Error(`unexpected prompt: ${JSON.stringify(config)}`);
    const rendered = await render(prompt as never, config as never);
    screens.push(rendered.getScreen());
    await step(rendered);
    return (await rendered.answer) as T;
  };
  const prompts: PromptFunctions = {
    select: (config) => run<string>(select as never, config),
    checkbox: (config) => run<string[]>(checkbox as never, config),
    input: (config) => run<string>(input as never, config),
    password: (config) => run<string>(password as never, config),
  };
  return { prompter: inquirerPrompter(prompts, {}), screens, remaining: () => steps.length };
}

let bank: Bank;
beforeAll(async () => {
  bank = await mustLoad(MINIMAL_BANK);
});

async function walk(
  steps: Step[],
  mode: Mode,
  role = "teacher",
  more: Partial<Parameters<typeof askQuestions>[0]> = {},
) {
  const terminal = scriptedTerminal(steps);
  let output = "";
  const answers = await askQuestions({
    bank,
    role,
    mode,
    seed: 7,
    prompter: terminal.prompter,
    out: { write: (t: string) => (output += t) },
    style: createStyle(false),
    width: 80,
    ...more,
  });
  return { answers, output, screens: terminal.screens, remaining: terminal.remaining() };
}

describe("the question flow on real inquirer prompts", () => {
  it("asks every question with a progress line, and records the chosen option ids", async () => {
    const { answers, output, screens, remaining } = await walk(
      [
        choose("No, never"),
        tick("The Headteacher"),
        choose("Yes"),
        choose("No, keep it secret"),
        choose("Yes"),
        choose("No"), // public test part: nothing to flag
      ],
      "self",
    );
    expect(remaining).toBe(0);
    expect(Object.fromEntries(answers)).toEqual({
      "alpha-photo": ["never"],
      "alpha-who": ["head"],
      "alpha-report": ["yes"],
      "beta-password": ["keep"],
      "beta-teacher-only": ["bound"],
      "beta-public-test": [],
    });
    expect(output).toContain("1 of 6 · Alpha section");
    expect(output).toContain("6 of 6 · Beta section");
    expect(output).toContain("── Beta section ──");
    expect(screens[1]).toContain("(select all that apply)");
    // Self mode gives no feedback until the end, and its mark says "answered", not "right".
    expect(output).not.toContain("Correct");
    expect(output).not.toMatch(/[✔✓✗]/);
    expect(output).toContain("• May you post a photograph of a pupil?\n  Your answer: No, never");
    expect(output).toContain("• Who should you report concerns to?\n  Your answer: The Headteacher");
    expect(output).toContain("Nothing to flag.");
  });

  it("training mode marks each answer ✔ or ✗, explains it, and waits for Enter", async () => {
    const { output, remaining } = await walk(
      [
        choose("Yes, with consent"),
        enter,
        tick("The Headteacher"),
        enter,
        choose("Yes"),
        enter,
        choose("No, keep"),
        enter,
        choose("No"),
        enter,
        choose("No"),
      ],
      "training",
    );
    expect(remaining).toBe(0);
    expect(output).toContain("✗ May you post a photograph of a pupil?\n  Your answer: Yes, with consent");
    expect(output).toContain("✔ Who should you report concerns to?");
    expect(output).toContain("✗ Are teachers bound by the password rule?\n  Your answer: No");
    // A critical miss in firm words, naming the section from the bank; never "Not quite".
    expect(output.replace(/\s+/g, " ")).toContain(
      "✗ This breaks a rule the policy makes critical: this answer fails the section “Alpha section”, whatever the rest of the score.",
    );
    expect(output).not.toContain("✗ Not quite.\n  You answered: Yes, with consent");
    expect(output).toContain("You answered: Yes, with consent");
    expect(output).toContain("The answer is: No, never");
    expect(output).toContain("Alpha section, 1st point:");
    expect(output).not.toContain("al-1");
    expect(output).toContain("“Staff must not share pupil photographs online.”");
    expect(output).toContain("✔ Correct.");
    expect(output).toContain("✗ Not quite.");
  });

  it("a select-all miss says what was missed and what was wrongly added, by label", async () => {
    const { output } = await walk(
      [choose("No, never"), enter, tick("Nobody"), enter, choose("Yes"), enter, choose("No, keep"), enter, choose("Yes"), enter, choose("No")],
      "training",
    );
    expect(output).toContain("✗ Who should you report concerns to?");
    expect(output).toContain("You missed: The Headteacher");
    expect(output).toContain("You wrongly added: Nobody");
  });

  it("long feedback is shown a screenful at a time on a short terminal, each page waiting for Enter", async () => {
    const pauses: string[] = [];
    /** What was written since the pause before each pause: one screenful. */
    const screens: string[] = [];
    let shown = 0;
    const terminal = scriptedTerminal([]);
    const prompter = {
      ...terminal.prompter,
      select: async ({ key }: { key: string }) => (key === "alpha-photo" ? "with-consent" : key.includes("/") ? "no" : key === "alpha-report" ? "yes" : key === "beta-password" ? "keep" : "bound"),
      checkbox: async () => ["head"],
      pause: async ({ message }: { message: string }) => {
        pauses.push(message);
        screens.push(output.slice(shown));
        shown = output.length;
      },
    };
    const long = { ...bank, sections: bank.sections.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q, explanation: Array.from({ length: 40 }, (_, i) => `Sentence ${i + 1} of a long explanation.`).join(" ") })) })) };
    let output = "";
    await askQuestions({ bank: long, role: "teacher", mode: "training", seed: 7, prompter, out: { write: (t: string) => (output += t) }, style: createStyle(false), width: 40, height: 24 });
    // 40 sentences wrap to far more than 24 rows at 40 columns: several pages per question.
    expect(pauses.filter((p) => /read on \(1 of \d\)/.test(p)).length).toBe(5);
    expect(pauses.filter((p) => p === "Press Enter to go on")).toHaveLength(5);
    // Each screenful, from the progress line down, leaves a row for the prompt on a 24-row terminal.
    for (const screen of screens) {
      const fromProgress = screen.slice(Math.max(0, screen.search(/\n\d of 6 ·/)));
      expect(fromProgress.replace(/^\n/, "").split("\n").length - 1).toBeLessThanOrEqual(23);
    }
    expect(screens.join("")).toContain("Sentence 40 of a long explanation.");
  });

  it("a yes in the public-knowledge test shows the guidance at once", async () => {
    const { answers, output } = await walk(
      [
        choose("No, never"),
        tick("The Headteacher"),
        choose("Yes"),
        choose("No, keep"),
        choose("Yes"),
        choose("Yes"),
      ],
      "self",
    );
    expect(answers.get("beta-public-test")).toEqual(["happy"]);
    expect(output).toContain("This test is private.");
    expect(output).toContain("You answered yes. What the policy asks of you:");
    expect(output).toContain("Do not post it");
  });

  it("a volunteer is not asked the teacher-only question", async () => {
    const { answers, output } = await walk(
      [
        choose("No, never"),
        tick("The Headteacher"),
        choose("Yes"),
        choose("No, keep"),
        choose("No"),
      ],
      "self",
      "volunteer",
    );
    expect(answers.has("beta-teacher-only")).toBe(false);
    expect(output).toContain("5 of 5 · Beta section");
  });

  it("the same seed gives the same option order", async () => {
    const first = await walk(
      [
        choose("No, never"),
        tick("The Headteacher"),
        choose("Yes"),
        choose("No, keep"),
        choose("Yes"),
        choose("No"),
      ],
      "self",
    );
    const second = await walk(
      [
        choose("No, never"),
        tick("The Headteacher"),
        choose("Yes"),
        choose("No, keep"),
        choose("Yes"),
        choose("No"),
      ],
      "self",
    );
    expect(second.screens[0]).toBe(first.screens[0]);
  });

  it("a multi question will not take an empty answer", async () => {
    const { answers } = await walk(
      [
        choose("No, never"),
        async ({ events, getScreen }) => {
          events.keypress("enter");
          await new Promise((r) => setTimeout(r, 10));
          expect(getScreen()).toMatch(/at least one choice/i);
          tick("The Headteacher")({ events, getScreen } as Rendered);
        },
        choose("Yes"),
        choose("No, keep"),
        choose("Yes"),
        choose("No"),
      ],
      "self",
    );
    expect(answers.get("alpha-who")).toEqual(["head"]);
  });

  it("Ctrl-C at a prompt becomes an InterruptedError", async () => {
    await expect(
      walk([({ events }) => events.keypress({ name: "c", ctrl: true })], "self"),
    ).rejects.toBeInstanceOf(InterruptedError);
  });

  it("the public-knowledge test: the policy's sentence in full, then that it is private, then its parts", async () => {
    const { output, screens } = await walk(
      [choose("No, never"), tick("The Headteacher"), choose("Yes"), choose("No, keep"), choose("Yes"), choose("No")],
      "self",
    );
    const sentence = output.indexOf("“Ask yourself \"would I be happy if this were public?\"”");
    const privacy = output.indexOf("This test is private.");
    const prompt = output.indexOf("Think of a real post.");
    expect(sentence).toBeGreaterThan(-1);
    expect(privacy).toBeGreaterThan(sentence);
    expect(prompt).toBeGreaterThan(privacy);
    expect(output.replace(/\s+/g, " ")).toContain("a signed summary records only that you completed it, never how you answered");
    expect(screens.at(-1)).toContain("Would you be unhappy if it were public?");
  });

  it("at the end, a review list of every answer: go back to any question, change it, then finish", async () => {
    const saved: string[] = [];
    const { answers, screens, output, remaining } = await walk(
      [
        choose("No, never"),
        tick("The Headteacher"),
        choose("Yes"),
        choose("No, keep"),
        choose("Yes"),
        choose("No"),
        // The review list: the cursor starts on "Finish"; go up to question 4 and change it.
        choose("4. May you share your password? — No, keep it secret"),
        choose("Yes, with friends"),
        choose("Finish and see my results"),
      ],
      "self",
      "teacher",
      { review: true, onAnswer: (a) => saved.push(JSON.stringify([...a.keys()])) },
    );
    expect(remaining).toBe(0);
    expect(answers.get("beta-password")).toEqual(["share"]);
    const list = screens[6] ?? "";
    expect(list).toContain("1. May you post a photograph of a pupil? — No, never");
    expect(list).toContain("6. Think of a real post. Do not type it in. — no to every part");
    expect(cursorLine(list)).toContain("Finish and see my results");
    // Asked again with the current answer under the cursor.
    expect(cursorLine(screens[7] ?? "")).toContain("No, keep it secret");
    expect(output).toContain("Check your answers");
    expect(output).toContain("4 of 6 · Beta section");
    // Progress is saved after every answer, the change included.
    expect(saved).toHaveLength(7);
  });

  it("a resumed run skips what was answered and saves after each new answer", async () => {
    const saved: number[] = [];
    const { answers, output, remaining } = await walk(
      [choose("No, keep"), choose("Yes"), choose("No")],
      "self",
      "teacher",
      {
        answered: new Map([
          ["alpha-photo", ["never"]],
          ["alpha-who", ["head"]],
          ["alpha-report", ["yes"]],
        ]),
        onAnswer: (a) => saved.push(a.size),
      },
    );
    expect(remaining).toBe(0);
    expect(output).not.toContain("1 of 6");
    expect(output).not.toContain("Alpha section ──");
    expect(output).toContain("4 of 6 · Beta section");
    expect(answers.size).toBe(6);
    expect(saved).toEqual([4, 5, 6]);
  });
});
