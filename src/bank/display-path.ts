import path from "node:path";
import { escapeControl } from "../util/escape.js";

/**
 * Relative to the working folder when inside it, so messages stay short and clickable. Every
 * file name a user sees goes through here, so control characters in it are escaped here: a
 * summary copied to a name holding ESC `[32m` must not paint its own "✓ verified".
 */
export function displayPath(abs: string, cwd: string = process.cwd()): string {
  const rel = relativeQuickly(abs, cwd) ?? path.relative(cwd, abs);
  return escapeControl(rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs);
}

/** A `.` or `..` segment, or an empty one (a separator first, last or twice in a row). */
const UNUSUAL = /(?:^|[\\/])\.\.?(?:[\\/]|$)|[\\/][\\/]|^[\\/]|[\\/]$/;

/** Working folders known to be written as path.resolve writes them (one or two per process). */
const normalFolders = new Set<string>();

/**
 * What path.relative(cwd, abs) gives, or enough of it, without its work, in the common cases
 * (`verify` and `report` show 10,000 names): a normalized `abs` inside a normalized `cwd` is the
 * rest of it; outside it, on POSIX (where path.relative compares names as written), it starts
 * with "..", which is all displayPath needs to know. Undefined otherwise: path.relative decides.
 */
function relativeQuickly(abs: string, cwd: string): string | undefined {
  if (!path.isAbsolute(abs) || UNUSUAL.test(abs.slice(abs.indexOf(path.sep) + 1))) return undefined;
  if (!normalFolders.has(cwd)) {
    if (path.resolve(cwd) !== cwd) return undefined;
    if (normalFolders.size < 16) normalFolders.add(cwd);
  }
  if (abs.startsWith(cwd) && abs[cwd.length] === path.sep) return abs.slice(cwd.length + 1);
  return path.sep === "/" && cwd !== "/" ? ".." : undefined;
}
