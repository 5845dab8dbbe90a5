import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** File inside the data directory that holds the instance's admin key (mode 0600). */
export const ADMIN_KEY_FILE = "admin-key";

/**
 * The admin key of the backend whose data lives in `dataDir`: read from `<dataDir>/admin-key`,
 * created with 32 random bytes on first start. Like the encryption key it is per data
 * directory, so no two installations share a key and no public constant opens an instance.
 * The format has no `:` or `|`, so `Convex <key>:<identity>` stays unambiguous.
 */
export function loadOrCreateAdminKey(dataDir: string): string {
  const file = path.join(dataDir, ADMIN_KEY_FILE);
  const existing = readAdminKey(dataDir);
  if (existing) {
    // A key file copied around or created by hand may be group/world readable: tighten it.
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    return existing;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = `local-${randomBytes(32).toString("hex")}`;
  // `wx`: never overwrite a key another process created meanwhile.
  try {
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return readAdminKey(dataDir)!;
  }
  return key;
}

/** The admin key stored in `dataDir`, or null when the backend has never started there. */
export function readAdminKey(dataDir: string): string | null {
  try {
    const key = fs.readFileSync(path.join(dataDir, ADMIN_KEY_FILE), "utf8").trim();
    return key || null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}
