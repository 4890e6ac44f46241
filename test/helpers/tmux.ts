import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A real terminal for the interactive CLI: a private tmux server (its own socket, so tests never
 * touch a developer's sessions), driven with send-keys and read with capture-pane.
 */
export class Terminal {
  private readonly socket = `selfcheck-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  /** A state folder of its own (where a run keeps progress), unless the test gives one to share. */
  private readonly ownState: string | undefined;

  constructor(
    command: string,
    options: { width?: number; height?: number; cwd?: string; env?: Record<string, string> } = {},
  ) {
    this.ownState = options.env?.XDG_STATE_HOME === undefined ? mkdtempSync(path.join(tmpdir(), "selfcheck-state-")) : undefined;
    // Colour on, so prompts are arrow-key menus; NO_COLOR=1 or TERM=dumb switch to plain prompts.
    const env = Object.entries({ TERM: "xterm-256color", ...(this.ownState ? { XDG_STATE_HOME: this.ownState } : {}), ...options.env })
      .map(([k, v]) => `${k}=${shellQuote(v)}`)
      .join(" ");
    // The shell line prints the exit code and keeps the pane open so the end can be read.
    const line = `${env} ${command}; echo "EXIT:$?"; sleep 120`;
    this.tmux(
      "new-session",
      "-d",
      "-s",
      "t",
      "-x",
      String(options.width ?? 100),
      "-y",
      String(options.height ?? 50),
      "-c",
      options.cwd ?? process.cwd(),
      line,
    );
  }

  screen(): string {
    return this.tmux("capture-pane", "-p", "-t", "t");
  }

  keys(...keys: string[]): void {
    this.tmux("send-keys", "-t", "t", ...keys);
  }

  /** Types text literally (no key-name lookup). */
  type(text: string): void {
    this.tmux("send-keys", "-t", "t", "-l", text);
  }

  async waitFor(test: RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> {
    const check = typeof test === "function" ? test : (s: string) => test.test(s);
    const deadline = Date.now() + timeoutMs;
    let screen = "";
    while (Date.now() < deadline) {
      screen = this.screen();
      if (check(screen)) return screen;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${String(test)}; the screen was:\n${screen}`);
  }

  close(): void {
    try {
      this.tmux("kill-server");
    } catch {
      // already gone
    }
    if (this.ownState) rmSync(this.ownState, { recursive: true, force: true });
  }

  /** Whether the terminal's cursor is shown (prompts hide it while they run). */
  cursorVisible(): boolean {
    return this.tmux("display", "-p", "-t", "t", "#{cursor_flag}").trim() === "1";
  }

  /** Everything the terminal has shown, including what scrolled off the top. */
  history(): string {
    return this.tmux("capture-pane", "-p", "-S", "-", "-t", "t");
  }

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8" });
  }
}

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** The last non-empty line on the screen. */
export function lastLine(screen: string): string {
  return screen.trimEnd().split("\n").at(-1) ?? "";
}
