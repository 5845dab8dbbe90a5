/**
 * Typing signals from a composer: `input()` on every keystroke sends "typing" at most once per
 * TYPING_SIGNAL_MS (the backend throttles the same way: threads/typing.ts), and "stopped" after
 * IDLE_MS without keystrokes or when `stop()` is called (message sent, composer left). No
 * polling: one timer, reset per keystroke.
 */
export const TYPING_SIGNAL_MS = 3_000;
const IDLE_MS = 5_000;

export function useTypingSignal(send: (typing: boolean) => Promise<unknown>) {
  let lastStart = 0;
  let active = false;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const fire = (typing: boolean) => send(typing).catch(() => {});

  function input() {
    const now = Date.now();
    if (!active || now - lastStart >= TYPING_SIGNAL_MS) {
      lastStart = now;
      active = true;
      fire(true);
    }
    clearTimeout(idle);
    idle = setTimeout(stop, IDLE_MS);
  }
  function stop() {
    clearTimeout(idle);
    if (!active) return;
    active = false;
    fire(false);
  }
  onBeforeUnmount(stop);
  return { input, stop };
}

/** Typists whose indicator is still live at `now` (rows carry their own expiry). */
export function liveTypists<T extends { typingUntil: number }>(rows: readonly T[] | undefined, now: number): T[] {
  return (rows ?? []).filter((r) => r.typingUntil > now);
}
