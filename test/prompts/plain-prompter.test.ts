import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createPlainPrompter, parseNumbers } from "../../src/session/plain-prompter.js";

/** A plain prompter fed the given lines, with everything it printed. */
function plain(lines: string[]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (d: Buffer) => (printed += d.toString()));
  const prompter = createPlainPrompter(input, output);
  input.write(lines.map((l) => `${l}\n`).join(""));
  return { prompter, printed: () => printed, end: () => input.end() };
}

const choices = ["Alpha", "Beta", "Gamma", "Delta"].map((label) => ({ value: label.toLowerCase(), label }));

describe("plain prompts: numbers are taken as typed, never trimmed", () => {
  it.each([
    ["0 1", "0 is not one of the choices: please type numbers from 1 to 4 only."],
    ["2,3 9", "9 is not one of the choices: please type numbers from 1 to 4 only."],
    ["2 x", '"x" is not a number: please type numbers from 1 to 4 only.'],
    ["1.5", '"1.5" is not a number: please type numbers from 1 to 4 only.'],
    ["-1", '"-1" is not a number: please type numbers from 1 to 4 only.'],
  ])("%s is refused with the valid range", (typed, message) => {
    expect(parseNumbers(typed, 4)).toBe(message);
  });

  it("a valid list is read as typed, with commas or spaces", () => {
    expect(parseNumbers("2,3 4", 4)).toEqual([2, 3, 4]);
    expect(parseNumbers("  ", 4)).toEqual([]);
  });

  it("select all that apply: '0 1' and '2,3 9' are refused and asked again, not cut down to what fits", async () => {
    const p = plain(["0 1", "2,3 9", "3 2"]);
    const picked = await p.prompter.checkbox({ key: "q", message: "Which?", choices });
    expect(picked).toEqual(["beta", "gamma"]);
    expect(p.printed()).toContain("0 is not one of the choices: please type numbers from 1 to 4 only.");
    expect(p.printed()).toContain("9 is not one of the choices: please type numbers from 1 to 4 only.");
    p.end();
  });

  it("a single choice refuses '0 1' rather than taking the 1", async () => {
    const p = plain(["0 1", "2"]);
    expect(await p.prompter.select({ key: "q", message: "Which?", choices })).toBe("beta");
    expect(p.printed()).toContain("0 is not one of the choices");
    p.end();
  });

  it("asked again, Enter alone keeps the current answer", async () => {
    const p = plain(["", ""]);
    expect(await p.prompter.select({ key: "q", message: "Which?", choices, default: "gamma" })).toBe("gamma");
    expect(await p.prompter.checkbox({ key: "r", message: "Which?", choices, default: ["alpha", "delta"] })).toEqual(["alpha", "delta"]);
    expect(p.printed()).toContain("Your answer now: 3. Press Enter alone to keep it.");
    expect(p.printed()).toContain("Your answer now: 1 4.");
    p.end();
  });

  it("a label that carries its own number is not numbered twice", async () => {
    const p = plain(["2"]);
    const review = [{ value: "a", label: "1. First question — Yes" }, { value: "b", label: "2. Second — No" }, { value: "done", label: "Finish" }];
    expect(await p.prompter.select({ key: "review", message: "Your answers", choices: review })).toBe("b");
    expect(p.printed()).toContain("\n  1. First question — Yes\n  2. Second — No\n  3. Finish\n");
    p.end();
  });

  it("a pause waits for a line", async () => {
    const p = plain([""]);
    await p.prompter.pause({ key: "continue", message: "Press Enter to go on" });
    expect(p.printed()).toContain("Press Enter to go on");
    p.end();
  });
});
