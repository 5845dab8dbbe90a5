import { errorMessage } from "./convex";

/**
 * Busy and error state of one form's async action (sign-in, sign-up, onboarding): the action's error is shown
 * as its message and not rethrown, since the form is where it is read.
 */
export function useFormAction(action: () => Promise<void>) {
  const busy = ref(false);
  const error = ref<string | null>(null);
  async function run() {
    error.value = null;
    busy.value = true;
    try {
      await action();
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, run };
}
