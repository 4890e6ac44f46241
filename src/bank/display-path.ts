import path from "node:path";
import { escapeControl } from "../util/escape.js";

/**
 * Relative to the working folder when inside it, so messages stay short and clickable. Every
 * file name a user sees goes through here, so control characters in it are escaped here: a
 * summary copied to a name holding ESC `[32m` must not paint its own "✓ verified".
 */
export function displayPath(abs: string, cwd: string = process.cwd()): string {
  const rel = path.relative(cwd, abs);
  return escapeControl(rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs);
}
