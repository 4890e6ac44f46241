import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BANK, tempDir } from "../helpers/bank-fixture.js";
import { runCli } from "../helpers/cli.js";
import { mustLoad } from "../helpers/load.js";
import { REPORT_AT, writeTrainerFolder } from "../helpers/trainer-folder.js";

/** The HTML report in a real browser (Debian's Chromium through playwright-core): only a browser proves it renders. */
let work: { dir: string; cleanup: () => Promise<void> };
const at = (...p: string[]) => path.join(work.dir, ...p);
const AT = REPORT_AT;

beforeAll(async () => {
  work = await tempDir();
  await writeTrainerFolder(work.dir, await mustLoad(DEFAULT_BANK));
});
afterAll(() => work.cleanup());

describe("selfcheck report", () => {
  it("--format html: one self-contained file whose SVG chart and tables render in a real browser", async () => {
    const out = at("report.html");
    const { code } = await runCli(["report", "all", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example", "--at", AT, "--format", "html", "--output", "report.html"], { cwd: work.dir });
    expect(code).toBe(1);
    const html = await readFile(out, "utf8");
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).not.toMatch(/flagged|\bREVIEW\b/);
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(`file://${out}`);
      const chart = await page.locator("#section-chart").boundingBox();
      expect(chart?.width).toBeGreaterThan(300);
      expect(chart?.height).toBeGreaterThan(100);
      const bars = page.locator("#section-chart g.bar");
      expect(await bars.count()).toBe(7);
      const safeguardingBar = await page.locator('#section-chart g.bar[data-section="safeguarding"] rect').nth(1).boundingBox();
      expect(safeguardingBar?.width).toBeGreaterThan(0);
      expect(await page.locator("#people tbody tr").count()).toBe(5);
      expect((await page.locator("#people").boundingBox())?.height).toBeGreaterThan(50);
      expect(await page.locator("#not-verified li").count()).toBe(2);
      const png = at("report.png");
      await page.screenshot({ path: png, fullPage: true });
      expect((await stat(png)).size).toBeGreaterThan(10_000);
      expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

});
