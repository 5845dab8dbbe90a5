import { Cron } from "croner";
import { type CommitEvent, type Engine, splitTableKey } from "./engine.js";
import type { CronSchedule, CronSpec } from "./loader.js";
import { type CronStateDoc, type JobState, type ScheduledJobDoc, tableNumberFromId } from "./values.js";

const MAX_TIMER = 2 ** 31 - 1;
const isJobTable = (name: string) => splitTableKey(name).name === "_scheduled_functions";
const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

function cronExpression(schedule: CronSchedule): string | null {
  const m = schedule.minuteUTC ?? 0;
  switch (schedule.type) {
    case "hourly":
      return `${m} * * * *`;
    case "daily":
      return `${m} ${schedule.hourUTC} * * *`;
    case "weekly":
      return `${m} ${schedule.hourUTC} * * ${DAYS.indexOf(String(schedule.dayOfWeek).toLowerCase())}`;
    case "monthly":
      return `${m} ${schedule.hourUTC} ${schedule.day} * *`;
    case "cron":
      return schedule.cron ?? null;
    default:
      return null;
  }
}

function nextRunAfter(schedule: CronSchedule, fromMs: number): number {
  if (schedule.type === "interval") {
    const ms = (schedule.seconds ?? 0) * 1000 + (schedule.minutes ?? 0) * 60_000 + (schedule.hours ?? 0) * 3_600_000;
    return fromMs + Math.max(ms, 1000);
  }
  const expr = cronExpression(schedule);
  if (!expr) throw new Error(`Unknown cron schedule ${JSON.stringify(schedule)}`);
  const c = new Cron(expr, { timezone: "UTC", paused: true });
  const n = c.nextRun(new Date(fromMs));
  if (!n) throw new Error(`Cron ${expr} never runs`);
  return n.getTime();
}

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private cronTimer: NodeJS.Timeout | null = null;
  private pending = new Map<string, number>(); // job id -> scheduledTime
  private running = new Set<string>();
  private stopped = false;
  private inflight = new Set<Promise<unknown>>();

  constructor(private engine: Engine) {
    engine.onCommit((e) => this.onCommit(e));
  }

  /** Called once after the database is loaded (before modules are set). */
  async recover(): Promise<void> {
    const fixes: { table: string; d: ScheduledJobDoc }[] = [];
    for (const t of this.engine.db.tablesByName.values()) {
      if (!isJobTable(t.name)) continue;
      for (const d of t.docs.values() as Iterable<ScheduledJobDoc>) {
        if (d.state?.kind === "pending") this.pending.set(d._id, d.scheduledTime);
        else if (d.state?.kind === "inProgress") fixes.push({ table: t.name, d });
      }
    }
    if (fixes.length) {
      await this.engine.runSystemTxn((txn) => {
        for (const { table, d } of fixes) {
          const cp = d.component ?? splitTableKey(table).cp;
          const f = this.engine.functionsIn(cp)?.get(canonical(d.name));
          if (f?.type === "mutation") {
            txn.setWrite(table, d._id, { ...d, state: { kind: "pending" } });
          } else {
            txn.setWrite(table, d._id, {
              ...d,
              state: { kind: "failed", error: "Transient error while executing action (backend restarted)" },
              completedTime: Date.now(),
            });
          }
        }
      });
    }
  }

  private onCommit(e: CommitEvent) {
    // PERF: no O(pending jobs) scan per commit. A full re-arm is needed only when a job that
    // could be the armed earliest one leaves/changes; a new earlier job just moves the timer.
    let rescan = false;
    let earliestNew = Infinity;
    let cronTouched = false;
    for (const w of e.writes) {
      if (isJobTable(w.table)) {
        const prev = this.pending.get(w.id);
        if (prev !== undefined && prev <= this.timerAt) rescan = true;
        const job = w.newDoc as ScheduledJobDoc | null;
        if (job && job.state?.kind === "pending") {
          this.pending.set(w.id, job.scheduledTime);
          if (this.running.has(w.id)) rescan = true;
          else if (job.scheduledTime < earliestNew) earliestNew = job.scheduledTime;
        } else this.pending.delete(w.id);
      } else if (w.table === "_cron_state") cronTouched = true;
    }
    if (rescan) this.arm();
    else if (earliestNew < this.timerAt || (earliestNew !== Infinity && !this.timer)) this.armAt(earliestNew);
    if (cronTouched) this.armCrons();
  }

  start() {
    this.arm();
    this.armCrons();
  }

  private arm() {
    if (this.stopped) return;
    let earliest = Infinity;
    for (const [id, t] of this.pending) if (!this.running.has(id) && t < earliest) earliest = t;
    this.armAt(earliest);
  }

  private armAt(earliest: number) {
    if (this.stopped) return;
    if (earliest === this.timerAt && this.timer) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = earliest;
    if (earliest === Infinity) return;
    const delay = Math.min(Math.max(0, earliest - Date.now()), MAX_TIMER);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.runDue();
    }, delay);
  }

  private runDue() {
    if (this.stopped) return;
    const now = Date.now();
    for (const [id, t] of this.pending) {
      if (t <= now && !this.running.has(id)) {
        this.running.add(id);
        const p = this.runJob(id)
          .catch((e) => console.error("[local-backend] scheduled job failed", e))
          .finally(() => {
            this.running.delete(id);
            this.inflight.delete(p);
            this.arm();
          });
        this.inflight.add(p);
      }
    }
    this.arm();
  }

  private async runJob(id: string) {
    const engine = this.engine;
    const n = tableNumberFromId(id);
    const table = n === null ? undefined : engine.db.tableForNumber(n);
    const job = table?.docs.get(id) as ScheduledJobDoc | undefined;
    if (!table || !job || job.state?.kind !== "pending") return;
    const T = table.name;
    const cp: string = job.component ?? splitTableKey(T).cp;
    const path = canonical(job.name);
    const f = engine.functionsIn(cp)?.get(path);
    const args = job.args?.[0] ?? {};
    if (!f || (f.type !== "mutation" && f.type !== "action")) {
      await this.finish(T, id, { kind: "failed", error: `Could not find function for '${job.name}'` });
      return;
    }
    if (f.type === "mutation") {
      const out = await engine.runMutation(path, args, {
        identity: null,
        authToken: null,
        scheduledFunctionId: id,
        componentPath: cp,
        beforeRun: (txn) => engine.getSystem<ScheduledJobDoc>(txn, T, id)?.state?.kind === "pending",
        afterRun: (txn) => {
          const cur = engine.getSystem<ScheduledJobDoc>(txn, T, id)!;
          txn.setWrite(T, id, { ...cur, state: { kind: "success" }, completedTime: Date.now() });
        },
      });
      if (!out.success) {
        engine.log(`[CONVEX M(${path})] scheduled job failed: ${out.errorMessage}`);
        await this.finish(T, id, { kind: "failed", error: out.errorMessage ?? "error" });
      }
      return;
    }
    // action: mark inProgress, run, then record the outcome
    let ok = false;
    await engine.runSystemTxn((txn) => {
      const cur = engine.getSystem<ScheduledJobDoc>(txn, T, id);
      if (cur?.state?.kind !== "pending") return;
      ok = true;
      txn.setWrite(T, id, { ...cur, state: { kind: "inProgress" } });
    });
    if (!ok) return;
    const out = await engine.runAction(path, args, {
      identity: null,
      authToken: null,
      scheduledFunctionId: id,
      componentPath: cp,
    });
    if (!out.success) engine.log(`[CONVEX A(${path})] scheduled job failed: ${out.errorMessage}`);
    await this.finish(
      T,
      id,
      out.success ? { kind: "success" } : { kind: "failed", error: out.errorMessage ?? "error" },
    );
  }

  private async finish(table: string, id: string, state: JobState) {
    await this.engine.runSystemTxn((txn) => {
      const cur = this.engine.getSystem<ScheduledJobDoc>(txn, table, id);
      if (!cur || cur.state?.kind === "canceled") return;
      txn.setWrite(table, id, { ...cur, state, completedTime: Date.now() });
    });
  }

  // ---------------------------------------------------------------- crons
  /** Reconcile `_cron_state` with the crons defined in crons.ts. */
  async syncCrons(crons: Record<string, CronSpec>): Promise<void> {
    const engine = this.engine;
    await engine.runSystemTxn((txn) => {
      const table = engine.db.ensureTable("_cron_state");
      const byName = new Map<string, CronStateDoc>();
      for (const d of table.docs.values() as Iterable<CronStateDoc>) byName.set(d.name, d);
      const now = Date.now();
      for (const [name, spec] of Object.entries(crons)) {
        const def = JSON.stringify({ udf: canonical(spec.name), args: spec.args, schedule: spec.schedule });
        const cur = byName.get(name);
        byName.delete(name);
        if (cur && cur.def === def) continue;
        const nextRun = nextRunAfter(spec.schedule, now);
        if (cur) txn.setWrite("_cron_state", cur._id, { ...cur, def, nextRun });
        else engine.insertSystem(txn, "_cron_state", { name, def, nextRun, lastRun: null });
      }
      for (const d of byName.values()) txn.setWrite("_cron_state", d._id, null);
    });
    this.armCrons();
  }

  private armCrons() {
    if (this.stopped) return;
    if (this.cronTimer) clearTimeout(this.cronTimer);
    this.cronTimer = null;
    const t = this.engine.db.getTable("_cron_state");
    let earliest = Infinity;
    for (const d of (t?.docs.values() ?? []) as Iterable<CronStateDoc>) if (d.nextRun < earliest) earliest = d.nextRun;
    if (earliest === Infinity) return;
    const delay = Math.min(Math.max(0, earliest - Date.now()), MAX_TIMER);
    this.cronTimer = setTimeout(() => {
      this.cronTimer = null;
      const p = this.fireCrons()
        .catch((e) => console.error("[local-backend] cron failed", e))
        .finally(() => {
          this.inflight.delete(p);
          this.armCrons();
        });
      this.inflight.add(p);
    }, delay);
  }

  private async fireCrons() {
    if (this.stopped) return;
    const engine = this.engine;
    await engine.runSystemTxn((txn) => {
      const t = engine.db.getTable("_cron_state");
      const now = Date.now();
      for (const d of (t?.docs.values() ?? []) as Iterable<CronStateDoc>) {
        if (d.nextRun > now) continue;
        // written by syncCrons from a CronSpec (its `name` as `udf`)
        const def: { udf: string; args: CronSpec["args"]; schedule: CronSchedule } = JSON.parse(d.def);
        const f = engine.functionsIn("")?.get(def.udf);
        if (f && (f.type === "mutation" || f.type === "action")) {
          engine.scheduleInTxn(txn, "", def.udf, def.args?.[0] ?? {}, now);
        } else {
          engine.log(`[local-backend] cron ${d.name}: function ${def.udf} not found`);
        }
        txn.setWrite("_cron_state", d._id, { ...d, lastRun: now, nextRun: nextRunAfter(def.schedule, now) });
      }
    });
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.cronTimer) clearTimeout(this.cronTimer);
    await Promise.allSettled([...this.inflight]);
  }
}

function canonical(name: string): string {
  let p = name;
  let fn = "default";
  const i = name.indexOf(":");
  if (i >= 0) {
    p = name.slice(0, i);
    fn = name.slice(i + 1);
  }
  if (p.endsWith(".js")) p = p.slice(0, -3);
  return `${p}:${fn}`;
}
