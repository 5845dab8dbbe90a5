import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Content blobs on disk, one file per `_storage` id. */
export class FileStore {
  private tokens = new Map<string, number>();
  private mem = new Map<string, Buffer>();
  constructor(
    private dir: string | null,
    private cloudUrl: () => string,
  ) {
    if (dir) fs.mkdirSync(dir, { recursive: true });
  }
  uploadUrl(): string {
    const token = randomUUID();
    this.tokens.set(token, Date.now() + 3600_000);
    return `${this.cloudUrl()}/api/storage/upload?token=${token}`;
  }
  checkToken(token: string | null): boolean {
    if (!token) return false;
    const exp = this.tokens.get(token);
    if (!exp || exp < Date.now()) return false;
    this.tokens.delete(token);
    return true;
  }
  fileUrl(id: string): string {
    return `${this.cloudUrl()}/api/storage/${id}`;
  }
  write(bytes: Buffer): { tmp: string; sha256: string; size: number } {
    const sha256 = createHash("sha256").update(bytes).digest("base64");
    const tmp = `tmp-${randomUUID()}`;
    if (this.dir) fs.writeFileSync(path.join(this.dir, tmp), bytes);
    else this.mem.set(tmp, bytes);
    return { tmp, sha256, size: bytes.length };
  }
  link(tmp: string, id: string) {
    if (this.dir) fs.renameSync(path.join(this.dir, tmp), path.join(this.dir, id));
    else {
      this.mem.set(id, this.mem.get(tmp)!);
      this.mem.delete(tmp);
    }
  }
  read(id: string): Buffer | null {
    if (!/^[0-9a-z]+$/.test(id)) return null;
    if (!this.dir) return this.mem.get(id) ?? null;
    try {
      return fs.readFileSync(path.join(this.dir, id));
    } catch {
      return null;
    }
  }
  remove(id: string) {
    if (!this.dir) this.mem.delete(id);
    else fs.rmSync(path.join(this.dir, id), { force: true });
  }
}
