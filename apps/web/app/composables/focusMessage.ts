/**
 * `?message=<id>` on a thread page: once the message is rendered (it may arrive a moment after
 * navigation), scroll it into view and highlight it briefly. Used when a CRM fact's quote is
 * clicked (components/contact/FactSource.vue).
 */
export function useFocusMessage() {
  const route = useRoute();
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const focus = (id: string) => {
    stop();
    let tries = 0;
    timer = setInterval(() => {
      const el = document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`);
      if (el) {
        stop();
        el.scrollIntoView({ block: "center" });
        el.classList.add("ring-2", "ring-amber-400", "rounded-lg");
        el.dataset.focused = "true";
        setTimeout(() => el.classList.remove("ring-2", "ring-amber-400"), 2500);
      } else if (++tries > 50) stop();
    }, 100);
  };
  onMounted(() => {
    watch(
      () => route.query.message,
      (id) => {
        if (typeof id === "string" && id) focus(id);
      },
      { immediate: true },
    );
  });
  onBeforeUnmount(stop);
}
