import { mountSuspended } from "@nuxt/test-utils/runtime";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import WhatsAppWindow from "~/components/inbox/WhatsAppWindow.vue";
import { countdown, WHATSAPP_WINDOW_MS, whatsappWindowState } from "~/utils/whatsapp";

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);

describe("whatsappWindowState", () => {
  test("open until 24 h after the last inbound message, then closed", () => {
    expect(whatsappWindowState(NOW - 1000, NOW)).toEqual({
      open: true,
      closesAt: NOW - 1000 + WHATSAPP_WINDOW_MS,
      remainingMs: WHATSAPP_WINDOW_MS - 1000,
    });
    expect(whatsappWindowState(NOW - WHATSAPP_WINDOW_MS, NOW)).toMatchObject({ open: false, remainingMs: 0 });
    expect(whatsappWindowState(null, NOW)).toEqual({ open: false, closesAt: null, remainingMs: 0 });
    expect(whatsappWindowState(Number.NaN, NOW).open).toBe(false);
  });

  test("countdown", () => {
    expect(countdown(23 * 3600_000 + 59 * 60_000 + 30_000)).toBe("23h 59m");
    expect(countdown(12 * 60_000 + 5_000)).toBe("12m 05s");
    expect(countdown(40_000)).toBe("40s");
    expect(countdown(-5)).toBe("0s");
  });
});

describe("WhatsAppWindow", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  test("counts down while open and turns closed when the 24 h are over, without new data", async () => {
    const w = await mountSuspended(WhatsAppWindow, { props: { lastInboundAt: NOW - WHATSAPP_WINDOW_MS + 62_000 } });
    const badge = w.get('[data-testid="whatsapp-window"]');
    expect(badge.attributes("data-state")).toBe("open");
    expect(badge.get('[role="timer"]').text()).toBe("1m 02s left");
    await vi.advanceTimersByTimeAsync(2_000);
    expect(w.get('[role="timer"]').text()).toBe("1m 00s left");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.get('[data-testid="whatsapp-window"]').attributes("data-state")).toBe("closed");
    expect(w.text()).toContain("templates only");
  });

  test("re-opens when a new inbound message arrives (reactive prop)", async () => {
    const w = await mountSuspended(WhatsAppWindow, { props: { lastInboundAt: NOW - 2 * WHATSAPP_WINDOW_MS } });
    expect(w.get('[data-testid="whatsapp-window"]').attributes("data-state")).toBe("closed");
    await w.setProps({ lastInboundAt: NOW });
    expect(w.get('[data-testid="whatsapp-window"]').attributes("data-state")).toBe("open");
    expect(w.get('[role="timer"]').text()).toBe("24h 00m left");
  });

  test("a contact who never wrote on WhatsApp: closed, no date", async () => {
    const w = await mountSuspended(WhatsAppWindow, { props: { lastInboundAt: null } });
    expect(w.text()).toBe("WhatsApp window closed · templates only");
  });
});
