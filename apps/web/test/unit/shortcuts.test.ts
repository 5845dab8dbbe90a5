import { afterEach, describe, expect, test } from "vitest";
import { SHORTCUTS, shortcutFor } from "~/utils/shortcuts";

const made: HTMLElement[] = [];
function el(html: string, pick = (root: HTMLElement) => root.firstElementChild as HTMLElement) {
  const root = document.createElement("div");
  root.innerHTML = html;
  document.body.appendChild(root);
  made.push(root);
  return pick(root);
}
afterEach(() => {
  for (const m of made.splice(0)) m.remove();
});

const key = (k: string, target: EventTarget | null = document.body, mods: Partial<KeyboardEvent> = {}) =>
  shortcutFor({ key: k, target, metaKey: false, ctrlKey: false, altKey: false, defaultPrevented: false, ...mods });

describe("inbox shortcut handler", () => {
  test("maps the common keys to their actions", () => {
    expect(key("j")).toBe("next");
    expect(key("ArrowDown")).toBe("next");
    expect(key("k")).toBe("previous");
    expect(key("e")).toBe("close");
    expect(key("a")).toBe("assignToMe");
    expect(key("l")).toBe("label");
    expect(key("/")).toBe("search");
    expect(key("r")).toBe("reply");
    expect(key("?")).toBe("help");
    expect(key("x")).toBe("select");
    expect(key("z")).toBeNull();
  });

  test("never fires while typing in an input, textarea, select, contenteditable or a dialog", () => {
    expect(key("e", el('<input type="text">'))).toBeNull();
    expect(key("j", el("<textarea></textarea>"))).toBeNull();
    expect(key("a", el("<select><option>1</option></select>"))).toBeNull();
    expect(
      key(
        "r",
        el('<div contenteditable="true"><span>x</span></div>', (r) => r.querySelector("span")!),
      ),
    ).toBeNull();
    expect(
      key(
        "e",
        el('<div role="dialog"><button>ok</button></div>', (r) => r.querySelector("button")!),
      ),
    ).toBeNull();
    // A plain element or a selection checkbox still gets them.
    expect(key("j", el('<input type="checkbox">'))).toBe("next");
    expect(key("e", el("<div>row</div>"))).toBe("close");
  });

  test("modifiers and handled events are left alone; Enter on a button is the button's", () => {
    expect(key("e", document.body, { metaKey: true })).toBeNull();
    expect(key("a", document.body, { ctrlKey: true })).toBeNull();
    expect(key("l", document.body, { altKey: true })).toBeNull();
    expect(key("j", document.body, { defaultPrevented: true })).toBeNull();
    expect(key("Enter", el("<button>x</button>"))).toBeNull();
    expect(key("Enter", el("<div>row</div>"))).toBe("open");
  });

  test("every action the handler returns is listed in the ? overlay", () => {
    const listed = new Set(SHORTCUTS.map((s) => s.action));
    for (const k of ["j", "k", "Enter", "x", "e", "a", "l", "/", "r", "?"]) expect(listed.has(key(k)!)).toBe(true);
  });
});
