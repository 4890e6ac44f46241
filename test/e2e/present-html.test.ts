import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { sectionDifficulty } from "../../src/session/facilitator.js";
import { DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";
import { mustLoad } from "../helpers/load.js";

/**
 * `present --html`: the group session as one offline HTML deck, driven in a real browser (Debian's
 * Chromium through playwright-core) on a projector-sized 1280×720 screen.
 */
let work: { dir: string; cleanup: () => Promise<void> };
let bank: Bank;
let browser: Browser;
const at = (...p: string[]) => path.join(work.dir, ...p);
const questions = () => bank.sections.flatMap((s) => s.questions);

beforeAll(async () => {
  work = await tempDir();
  bank = await mustLoad(DEFAULT_BANK);
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
afterAll(async () => {
  await browser?.close();
  await work.cleanup();
});

async function openDeck(file: string): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`file://${file}`);
  expect(errors).toEqual([]);
  return { page, requests };
}

/** Whether anything on the projected view spills past the 1280×720 screen (run in the page). */
const overflow = (page: Page) =>
  page.evaluate(`(() => {
    const stage = document.getElementById("stage");
    const doc = document.documentElement;
    return {
      stage: stage.scrollHeight > stage.clientHeight + 1 || stage.scrollWidth > stage.clientWidth + 1,
      page: doc.scrollHeight > window.innerHeight + 1 || doc.scrollWidth > window.innerWidth + 1,
      // Every element of the slide inside the screen, not merely clipped by it.
      outside: [...stage.querySelectorAll("*")].filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.bottom > window.innerHeight + 1 || r.right > window.innerWidth + 1);
      }).length,
      scale: Number(getComputedStyle(stage).getPropertyValue("--scale")),
    };
  })()`) as Promise<{ stage: boolean; page: boolean; outside: number; scale: number }>;
/** Page-side helpers, typed here without the DOM library. */
const isOpen = (d: unknown) => (d as { open: boolean }).open;
type Win = { getComputedStyle(e: unknown): { backgroundColor: string; fontSize: string } };

describe("selfcheck present --html", () => {
  it("writes one self-contained file: no http(s) source or link, the first question's prompt inside", async () => {
    const { code, stdout } = await runCli(["present", "--html", "deck.html"], { cwd: work.dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/Session deck written to deck\.html \(\d+ questions/);
    const html = await readFile(at("deck.html"), "utf8");
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/<link|<img|<iframe|<object|<embed|\ssrc=|@import|url\(\s*['"]?[a-z]+:/i);
    const first = questions()[0]?.prompt ?? "";
    expect(first).not.toBe("");
    expect(html).toContain(JSON.stringify(first).slice(1, -1).replace(/</g, "\\u003c"));
    // Refuses to replace it without --force, and --export makes no sense with a browser deck.
    expect((await runCli(["present", "--html", "deck.html"], { cwd: work.dir })).code).toBe(2);
    expect((await runCli(["present", "--html", "d2.html", "--export", "x.json"], { cwd: work.dir })).code).toBe(2);
  });

  it("runs the session in a browser: navigate, discuss, type hands in a dialog that closes, reveal, export the counts", async () => {
    const { page, requests } = await openDeck(at("deck.html"));
    const stage = page.locator("#stage");
    expect(await stage.getAttribute("data-phase")).toBe("title");
    await page.keyboard.press("ArrowRight");
    const q0 = questions()[0];
    if (!q0 || q0.type === "public-test") throw new Error("the default bank starts with a choice question");
    expect(await page.locator("#prompt").textContent()).toBe(q0.prompt);
    expect(await stage.getAttribute("data-phase")).toBe("discuss");
    expect(await page.locator("li.keyed").count()).toBe(0);

    // Hands: typed into the dialog, which closes; the numbers do not stay on the projected view.
    await page.keyboard.press("h");
    expect(await page.locator("#hands").evaluate(isOpen)).toBe(true);
    const counts = q0.options.map((o, i) => (o.correct ? 12 : i + 1));
    for (const [i, o] of q0.options.entries()) await page.fill(`#hands-fields input[data-option="${o.id}"]`, String(counts[i]));
    await page.keyboard.press("Enter");
    expect(await page.locator("#hands").evaluate(isOpen)).toBe(false);
    expect(await page.locator("#hands").isVisible()).toBe(false);
    expect(await stage.getAttribute("data-phase")).toBe("reveal");
    const keyed = q0.options.filter((o) => o.correct).map((o) => o.id);
    expect(await page.locator("li.keyed").evaluateAll((els) => els.map((e) => e.getAttribute("data-option")))).toEqual(keyed);
    // Highlighted: the keyed option's background differs from an unkeyed one's.
    const backgrounds = await page.locator("#options li").evaluateAll((els) => els.map((e) => (globalThis as unknown as Win).getComputedStyle(e).backgroundColor));
    const keyedIndex = q0.options.findIndex((o) => o.correct);
    expect(new Set(backgrounds).size).toBeGreaterThan(1);
    expect(backgrounds[keyedIndex]).not.toBe(backgrounds[q0.options.findIndex((o) => !o.correct)]);
    expect(await stage.textContent()).toContain(q0.explanation);
    const clause = bank.clauses.find((c) => c.id === q0.clauses[0]);
    expect(await stage.textContent()).toContain(clause?.text ?? "(no clause)");
    expect(await stage.textContent()).toContain(`${counts[keyedIndex]} (`);

    // Back to the discussion and forward again keeps the counts; a wrong entry is refused.
    await page.keyboard.press("ArrowLeft");
    expect(await stage.getAttribute("data-phase")).toBe("discuss");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    const q1 = questions()[1];
    expect(await page.locator("#prompt").textContent()).toBe(q1?.prompt);
    await page.keyboard.press("h");
    if (q1?.type !== "public-test") {
      await page.fill(`#hands-fields input[data-option="${q1?.options[0]?.id}"]`, "-3");
      await page.keyboard.press("Enter");
      expect(await page.locator("#hands-error").textContent()).toMatch(/whole number/);
      await page.keyboard.press("Escape");
      expect(await page.locator("#hands").evaluate(isOpen)).toBe(false);
    }
    await page.keyboard.press("r");
    expect(await stage.getAttribute("data-phase")).toBe("reveal");

    // A critical question is flagged at its reveal.
    const criticalIndex = questions().findIndex((q) => q.type !== "public-test" && q.critical === true);
    expect(criticalIndex).toBeGreaterThan(1);
    // From question 2's reveal: two steps per question (to its discussion, to its reveal).
    for (let i = 2; i < criticalIndex; i++) {
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
    }
    await page.keyboard.press("ArrowRight");
    expect(await page.locator("#prompt").textContent()).toBe(questions()[criticalIndex]?.prompt);
    expect(await page.locator("#critical").count()).toBe(0);
    await page.keyboard.press("ArrowRight");
    expect(await page.locator("#critical").isVisible()).toBe(true);

    // The end: hardest sections, and the counts as the same JSON as present --export.
    await page.keyboard.press("e");
    expect(await stage.getAttribute("data-phase")).toBe("end");
    expect(await page.locator("#hardest tr").count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const saved = at("counts.json");
    await download.saveAs(saved);
    const exported = JSON.parse(await readFile(saved, "utf8"));
    const s0 = bank.sections[0];
    const expectedTallies = [
      { id: q0.id, section: q0.section, keyed, tally: Object.fromEntries(q0.options.map((o, i) => [o.id, counts[i] ?? 0])) as Record<string, number> },
      ...questions().slice(1, criticalIndex + 1).map((q) => ({ id: q.id, section: q.section, keyed: [] as string[], tally: null })),
    ];
    expect(exported).toMatchObject({
      format: "selfcheck-session/1",
      tool: { name: "policy-selfcheck" },
      bank: { id: bank.id, version: bank.version, sha256: bank.sha256 },
      section: null,
      ended: "stopped",
    });
    expect(Object.keys(exported).sort()).toEqual(["bank", "ended", "finishedAt", "format", "questions", "section", "sections", "startedAt", "tool"]);
    expect(exported.questions).toEqual(expectedTallies.map(({ keyed: _k, ...t }) => t));
    // The same difficulty as the terminal's present --export computes from the same counts.
    expect(exported.sections).toEqual(sectionDifficulty(expectedTallies, bank.sections));
    expect(exported.sections[0]).toMatchObject({ id: s0?.id, percentage: expect.any(Number) });
    expect(JSON.stringify(exported)).not.toMatch(/"(person|email|staffId)"/);
    expect(requests.filter((u) => !u.startsWith("file://") && !u.startsWith("blob:"))).toEqual([]);
  });

  it("every question fits 1280×720 in discussion and at the reveal, in the largest type that fits", async () => {
    const { page } = await openDeck(at("deck.html"));
    const scales: number[] = [];
    let longest = { scale: 2, index: -1 };
    for (const [i] of questions().entries()) {
      await page.keyboard.press("ArrowRight");
      expect(await overflow(page), `question ${i + 1} discussion`).toMatchObject({ stage: false, page: false, outside: 0 });
      await page.keyboard.press("ArrowRight");
      const reveal = await overflow(page);
      expect(reveal, `question ${i + 1} reveal`).toMatchObject({ stage: false, page: false, outside: 0 });
      scales.push(reveal.scale);
      if (reveal.scale < longest.scale) longest = { scale: reveal.scale, index: i };
    }
    // Large type: most reveals at full size, none shrunk below 60%.
    expect(Math.min(...scales)).toBeGreaterThanOrEqual(0.6);
    // A screenshot of the most crowded reveal, to look at: nothing cut off at the edges.
    await page.keyboard.press("Home");
    const stage = page.locator("#stage");
    while (!((await stage.getAttribute("data-index")) === String(longest.index) && (await stage.getAttribute("data-phase")) === "reveal")) {
      await page.keyboard.press("ArrowRight");
    }
    expect(await page.locator("li.keyed").count()).toBeGreaterThan(0);
    const png = at("deck-crowded.png");
    await page.screenshot({ path: png });
    expect((await stat(png)).size).toBeGreaterThan(10_000);
    const font = await page.locator("#prompt").evaluate((e) => Number.parseFloat((globalThis as unknown as Win).getComputedStyle(e).fontSize));
    expect(font).toBeGreaterThanOrEqual(20);
    if (process.env.KEEP_DECK_SCREENSHOT) await (await import("node:fs/promises")).copyFile(png, process.env.KEEP_DECK_SCREENSHOT);
  });
});
