import path from "node:path";
import { escapeControl } from "../util/escape.js";

/**
 * Relative to the working folder when inside it, so messages stay short and clickable. Every
 * file name a user sees goes through here, so control characters in it are escaped here: a
 * summary copied to a name holding ESC `[32m` must not paint its own "✓ verified".
 */
export function displayPath(abs: string, cwd: string = process.cwd()): string {
  const rel = plainRest(abs, cwd) ?? path.relative(cwd, abs);
  return escapeControl(rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs);
}

/** A `.` or `..` segment, or an empty one (a separator first, last or twice in a row). */
const UNUSUAL = /(?:^|[\\/])\.\.?(?:[\\/]|$)|[\\/][\\/]|^[\\/]|[\\/]$/;

/** Working folders known to be written as path.resolve writes them (one or two per process). */
const normalFolders = new Set<string>();

/**
 * What path.relative(cwd, abs) gives, without its work, in the common case: a normalized `abs`
 * inside a normalized `cwd` (`verify` shows 10,000 names). Undefined otherwise: path.relative decides.
 */
function plainRest(abs: string, cwd: string): string | undefined {
  if (!abs.startsWith(cwd) || abs[cwd.length] !== path.sep) return undefined;
  if (!normalFolders.has(cwd)) {
    if (path.resolve(cwd) !== cwd) return undefined;
    if (normalFolders.size < 16) normalFolders.add(cwd);
  }
  const rest = abs.slice(cwd.length + 1);
  return rest === "" || UNUSUAL.test(rest) ? undefined : rest;
}
