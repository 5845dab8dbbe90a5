import { mountSuspended } from "@nuxt/test-utils/runtime";
import { flushPromises } from "@vue/test-utils";
import { describe, expect, test } from "vitest";
import ReplyBox, { type AttachedFile } from "~/components/inbox/ReplyBox.vue";

const MB = 1024 * 1024;

/** The parent's upload: here it answers what the backend's claim would (type and size from storage). */
function fakeUpload(sizes: Record<string, number>) {
  const calls: string[] = [];
  const upload = async (file: File): Promise<AttachedFile> => {
    calls.push(file.name);
    return {
      storageId: `kg_${file.name}`,
      filename: file.name,
      contentType: file.type,
      size: sizes[file.name] ?? file.size,
    };
  };
  return { upload, calls };
}

async function pick(w: Awaited<ReturnType<typeof mountSuspended>>, files: File[]) {
  const input = w.get<HTMLInputElement>('[data-testid="attach-input"]');
  Object.defineProperty(input.element, "files", { value: files, configurable: true });
  await input.trigger("change");
  await flushPromises();
}

describe("ReplyBox attachments", () => {
  test("picked files are uploaded, shown as chips with their size, and sent by storage id", async () => {
    const { upload, calls } = fakeUpload({ "map.png": 2 * MB });
    const w = await mountSuspended(ReplyBox, {
      props: { channels: ["sms"], defaultChannel: "sms", whatsappWindowOpen: true, upload },
    });
    await pick(w, [new File(["x"], "map.png", { type: "image/png" })]);
    expect(calls).toEqual(["map.png"]);
    const chip = w.get('[data-attachment-chip="map.png"]');
    expect(chip.text()).toContain("2 MB");
    // A file alone is a valid reply.
    await w.get("form").trigger("submit");
    expect(w.emitted("send")?.[0]?.[0]).toEqual({
      channel: "sms",
      text: "",
      attachments: [{ storageId: "kg_map.png" }],
    });
    await w.get('button[aria-label="Remove map.png"]').trigger("click");
    expect(w.find('[data-attachment-chip="map.png"]').exists()).toBe(false);
  });

  test("the chosen channel's limits show before sending and block the send", async () => {
    const { upload } = fakeUpload({ "a.png": 3 * MB, "b.png": 3 * MB });
    const w = await mountSuspended(ReplyBox, {
      props: { channels: ["sms", "email"], defaultChannel: "sms", whatsappWindowOpen: true, upload },
    });
    await pick(w, [new File(["x"], "a.png", { type: "image/png" }), new File(["y"], "b.png", { type: "image/png" })]);
    expect(w.get('[data-testid="attachment-error"]').text()).toMatch(/total 6 MB.*up to 5 MB/);
    expect(w.get('button[type="submit"]').attributes("disabled")).toBeDefined();
    // Email takes 30 MB: switching channel clears the problem.
    await w.get<HTMLSelectElement>('[data-testid="reply-channel"]').setValue("email");
    expect(w.find('[data-testid="attachment-error"]').exists()).toBe(false);
    expect(w.get('button[type="submit"]').attributes("disabled")).toBeUndefined();
  });

  test("a channel without media refuses files with a clear reason", async () => {
    const { upload } = fakeUpload({});
    const w = await mountSuspended(ReplyBox, {
      props: { channels: ["webhook"], defaultChannel: "webhook", whatsappWindowOpen: true, upload },
    });
    await pick(w, [new File(["x"], "a.pdf", { type: "application/pdf" })]);
    expect(w.get('[data-testid="attachment-error"]').text()).toMatch(/cannot send attachments/);
  });
});
