import { mountSuspended } from "@nuxt/test-utils/runtime";
import { describe, expect, test } from "vitest";
import ActivityHeatmap from "~/components/contact/ActivityHeatmap.vue";

function grid(cells: [day: number, hour: number, n: number][]) {
  const g = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const [d, h, n] of cells) g[d]![h] = n;
  return g;
}

describe("ActivityHeatmap", () => {
  test("renders 7 weekday rows of 24 hours with intensity relative to the busiest hour", async () => {
    const w = await mountSuspended(ActivityHeatmap, {
      props: {
        grid: grid([
          [2, 14, 8],
          [2, 15, 2],
          [6, 9, 4],
        ]),
        timezone: "Europe/Oslo",
      },
    });
    const rows = w.findAll("tbody tr");
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => r.get("th").text())).toEqual(["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]);
    for (const r of rows) expect(r.findAll("td")).toHaveLength(24);

    const cell = (d: number, h: number) => rows[d]!.findAll("td")[h]!;
    expect(cell(2, 14).attributes("data-level")).toBe("4");
    expect(cell(6, 9).attributes("data-level")).toBe("2");
    expect(cell(2, 15).attributes("data-level")).toBe("1");
    expect(cell(0, 0).attributes("data-level")).toBe("0");
    expect(cell(2, 14).attributes("title")).toBe("Tue 14:00 – 8 messages");
    expect(cell(2, 15).text()).toBe("Tue 15:00 – 2 messages");
    expect(w.get("table").attributes("aria-label")).toContain("Europe/Oslo");
  });

  test("shows an empty state without data", async () => {
    for (const g of [null, grid([])]) {
      const w = await mountSuspended(ActivityHeatmap, { props: { grid: g } });
      expect(w.find("table").exists()).toBe(false);
      expect(w.find('[data-testid="heatmap-empty"]').exists()).toBe(true);
    }
  });

  test("tolerates a ragged grid (missing rows count as zero)", async () => {
    const w = await mountSuspended(ActivityHeatmap, { props: { grid: [[0, 3]] } });
    expect(w.findAll("tbody td")).toHaveLength(7 * 24);
    expect(w.findAll('td[data-level="4"]')).toHaveLength(1);
  });
});
