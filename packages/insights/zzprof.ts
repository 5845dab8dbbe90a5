import { extractDeterministic, uncertainty } from "./src/index";

const t = "ok\n".repeat(6667).slice(0, 20000);
const m = {
  id: "m",
  channel: "email" as const,
  direction: "inbound" as const,
  text: t,
  sentAt: Date.UTC(2026, 2, 10, 14),
};
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  uncertainty(m, extractDeterministic(m, { previousProfile: { title: "CEO", company: "Acme" } }));
  if (i > 15) console.log((performance.now() - t0).toFixed(1));
}
