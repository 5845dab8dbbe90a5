/**
 * The `?redirect=` target of the sign-in, sign-up and route-guard flows, kept to paths of this site.
 * `//evil.example` and `/\evil.example` are read by browsers as another host, and control characters can
 * hide either, so anything but a plain absolute path is refused (the caller falls back to `/`).
 */
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/")) return null;
  const second = value[1];
  if (second === "/" || second === "\\") return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  return value;
}
