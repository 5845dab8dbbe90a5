// `npx convex export --path x.zip`: a snapshot export in the zip layout Convex documents
// (docs.convex.dev "Backups & Restore" / `npx convex import`): `<table>/documents.jsonl` (one
// document per line, export JSON), `<table>/generated_schema.jsonl`, `_tables/documents.jsonl`,
// components under `_components/<path>/`, and with `--include-file-storage` the `_storage`
// documents plus one file per blob. Built in one pass from the in-memory snapshot (the commit
// lock is held, so it is one consistent ts) and kept under `<dataDir>/exports/`.
import fs from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { splitTableKey } from "../engine/transaction.js";
import type { Engine } from "../engine.js";
import type { ExportState } from "./system.js";

const README = `# Snapshot export

Exported by the Switchboard local backend in the layout of a Convex snapshot export: one folder
per table with \`documents.jsonl\`, components under \`_components/\`. Restore with
\`npx convex import --replace-all <this zip>\`.
`;

export class SnapshotExports {
  latest: ExportState | null = null;
  constructor(
    private engine: Engine,
    private dir: string,
    private toExportJson: (v: unknown) => unknown,
  ) {}

  async run(includeStorage: boolean): Promise<ExportState> {
    if (this.latest?.state === "requested" || this.latest?.state === "in_progress") throw new Error("ExportInProgress");
    this.latest = { state: "in_progress" };
    try {
      const files: Record<string, Uint8Array> = { "README.md": Buffer.from(README) };
      let ts = 0n;
      await this.engine.lock.run(async () => {
        ts = this.engine.db.lastTs;
        const tablesByCp = new Map<string, string[]>();
        for (const table of this.engine.db.tablesByName.values()) {
          const { cp, name } = splitTableKey(table.name);
          const prefix = cp ? `_components/${cp.split("/").join("/_components/")}/` : "";
          const isStorage = name === "_storage";
          if (name.startsWith("_") && !(isStorage && includeStorage)) continue;
          tablesByCp.set(prefix, [...(tablesByCp.get(prefix) ?? []), name]);
          const lines: string[] = [];
          for (const doc of table.docs.values()) {
            lines.push(JSON.stringify(this.toExportJson(doc)));
            if (isStorage) {
              const bytes = this.engine.files.read(doc._id);
              if (bytes) files[`${prefix}_storage/${doc._id}`] = bytes;
            }
          }
          files[`${prefix}${name}/documents.jsonl`] = Buffer.from(lines.length ? `${lines.join("\n")}\n` : "");
          if (!isStorage) files[`${prefix}${name}/generated_schema.jsonl`] = Buffer.from(`${JSON.stringify("any")}\n`);
        }
        for (const [prefix, names] of tablesByCp)
          files[`${prefix}_tables/documents.jsonl`] = Buffer.from(
            names.map((name) => `${JSON.stringify({ name })}\n`).join(""),
          );
      });
      fs.mkdirSync(this.dir, { recursive: true });
      const key = `snapshot_${ts}.zip`;
      fs.writeFileSync(path.join(this.dir, key), zipSync(files, { level: 6 }));
      // keep only the newest export on disk
      for (const f of fs.readdirSync(this.dir)) if (f !== key) fs.rmSync(path.join(this.dir, f), { force: true });
      this.latest = { state: "completed", start_ts: ts, complete_ts: ts, zip_object_key: key };
    } catch (e) {
      this.latest = { state: "failed" };
      throw e;
    }
    return this.latest;
  }

  /** The zip of the export taken at `ts`, if it is the latest one. */
  file(ts: string): string | null {
    if (this.latest?.state !== "completed" || String(this.latest.start_ts) !== ts) return null;
    const f = path.join(this.dir, this.latest.zip_object_key!);
    return fs.existsSync(f) ? f : null;
  }
}
