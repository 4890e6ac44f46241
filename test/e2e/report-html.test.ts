import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { REPORT_AT, useTrainerFolder } from "../helpers/trainer-folder.js";

/** The HTML report in a real browser (Debian's Chromium through playwright-core): only a browser proves it renders. */
const work = useTrainerFolder();
const at = (...p: string[]) => path.join(work.dir, ...p);
const AT = REPORT_AT;

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

  it("with a roster: the register a head teacher signs off, on screen and printed to PDF without anything cut off", async () => {
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      at("staff.csv"),
      '\uFEFFName,Role,Staff ID,Email\r\nSam Patel,Teacher,T-042,\r\nJo Brown,Teacher,T-007,\r\nAlex Doe,Volunteer,,alex.doe@school.example\r\nRowan Missing,"Support staff (office, site, kitchen, IT)",T-300,rowan@school.example\r\n',
    );
    const { code } = await runCli(["report", "all", "--allowed-signers", "allowed_signers", "--trainer", "trainer@school.example", "--roster", "staff.csv", "--at", AT, "--format", "html", "--output", "register.html"], { cwd: work.dir });
    expect(code).toBe(1);
    const out = at("register.html");
    const html = await readFile(out, "utf8");
    expect(html).toContain("William Austin Junior School");
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`file://${out}`);
      expect(await page.locator("h1").textContent()).toBe("Compliance register — William Austin Junior School");
      expect(await page.locator("#overall").textContent()).toBe("3 of 4 staff compliant, 75%");
      expect(await page.locator("#people tbody tr").count()).toBe(4);
      expect(await page.locator("#people tbody tr.status-missing td").first().textContent()).toBe("Rowan Missing");
      expect(await page.locator("#not-on-roster tbody tr").count()).toBe(2);
      expect(await page.locator("#actions li").count()).toBe(2);
      await page.screenshot({ path: at("register.png"), fullPage: true });
      if (process.env.KEEP_REGISTER_SCREENSHOT) await (await import("node:fs/promises")).copyFile(at("register.png"), process.env.KEEP_REGISTER_SCREENSHOT);
      // Printed: the print stylesheet applies, and no table is wider than the A4 landscape page.
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: 1050, height: 740 });
      const widest = await page.evaluate(`Math.max(...[...document.querySelectorAll("table, svg, section")].map((e) => e.getBoundingClientRect().right))`);
      expect(widest).toBeLessThanOrEqual(1050);
      const pdf = await page.pdf({ format: "A4", landscape: true, preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(pdf.length).toBeGreaterThan(20_000);
    } finally {
      await browser.close();
    }
  });
});
