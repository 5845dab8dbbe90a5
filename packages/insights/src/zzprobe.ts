import { resolveDueDate } from "./dueDate";
const cases: Array<[string, string, string]> = JSON.parse(process.argv[2] ?? "[]");
for (const [tz, sent, text] of cases) {
  const r = resolveDueDate(text, Date.parse(sent), { timezone: tz });
  const local = r ? new Date(r.dueAt).toLocaleString("en-GB", { timeZone: tz, weekday: "short", day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }) : null;
  console.log(`${text} => ${local} (${r?.phrase})`);
}
