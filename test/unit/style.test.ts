import { describe, expect, it } from "vitest";
import { createStyle } from "../../src/report/style.js";

const ESC = "\u001B";

describe("createStyle", () => {
  it("writes the 16-colour codes chalk wrote, with inner styles and line breaks handled as chalk does", () => {
    const s = createStyle(true);
    expect(s.bad("no")).toBe(`${ESC}[31mno${ESC}[39m`);
    expect(s.bold("b")).toBe(`${ESC}[1mb${ESC}[22m`);
    // An inner colour's close re-opens the outer colour, so the rest stays coloured.
    expect(s.good(`a ${s.bad("b")} c`)).toBe(`${ESC}[32ma ${ESC}[31mb${ESC}[39m${ESC}[32m c${ESC}[39m`);
    // Each line is closed and re-opened on its own (no colour bleeding into the next prompt).
    expect(s.warn("x\ny\r\nz")).toBe(`${ESC}[33mx${ESC}[39m\n${ESC}[33my${ESC}[39m\r\n${ESC}[33mz${ESC}[39m`);
    expect(s.accent("")).toBe("");
  });

  it("leaves text alone when colour is off", () => {
    const s = createStyle(false);
    for (const f of [s.bold, s.dim, s.good, s.bad, s.warn, s.accent]) expect(f("a\nb")).toBe("a\nb");
    expect(s.color).toBe(false);
  });
});
