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

async function walk(steps: Step[], mode: Mode, role = "teacher") {
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
    // Self mode gives no feedback until the end.
    expect(output).not.toContain("Correct");
    expect(output).toContain("Nothing to flag.");
  });

  it("training mode explains each answer with the policy's words", async () => {
    const { output } = await walk(
      [
        choose("Yes, with consent"),
        tick("The Headteacher"),
        choose("Yes"),
        choose("No, keep"),
        choose("Yes"),
        choose("No"),
      ],
      "training",
    );
    expect(output).toContain("✗ Not quite. This is a critical question");
    expect(output).toContain("You answered: Yes, with consent");
    expect(output).toContain("The answer is: No, never");
    expect(output).toContain("Alpha section, 1st point:");
    expect(output).not.toContain("al-1");
    expect(output).toContain("“Staff must not share pupil photographs online.”");
    expect(output).toContain("✓ Correct.");
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
    expect(output).toContain("Nothing you think of is typed in or recorded");
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
});
