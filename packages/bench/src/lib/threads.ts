/** Per-thread CPU time of a process, from /proc (Linux only). */
import fs from "node:fs";

const TICK_MS = 1000 / 100; // USER_HZ: /proc reports CPU time in 1/100 s

/** CPU ms of each thread of `pid` (utime + stime), by thread id, with the thread's name. */
export function threadCpu(pid: number): Map<number, { name: string; ms: number }> {
  const out = new Map<number, { name: string; ms: number }>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const name = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      // fields[11], fields[12]: utime, stime (stat fields 14 and 15)
      out.set(Number(tid), { name, ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** CPU ms each thread used between two `threadCpu` readings (threads that ran), most first. */
export function threadCpuDelta(
  before: Map<number, { name: string; ms: number }>,
  after: Map<number, { name: string; ms: number }>,
): { tid: number; name: string; ms: number }[] {
  return [...after]
    .map(([tid, t]) => ({ tid, name: t.name, ms: t.ms - (before.get(tid)?.ms ?? 0) }))
    .filter((t) => t.ms > 0)
    .sort((x, y) => y.ms - x.ms);
}
