/** The demo's generated attachments (convex/seed/demoFiles.ts) are well-formed files. */
import { crc32, inflateSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { demoPdf, demoPng } from "../convex/seed/demoFiles";

/** PNG chunks (length, type, data, CRC) after the 8-byte signature (PNG spec, section 5.3). */
function chunksOf(png: Uint8Array) {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: { type: string; data: Uint8Array; crcOk: boolean }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const typeAndData = png.subarray(at + 4, at + 8 + length);
    out.push({
      type: new TextDecoder().decode(typeAndData.subarray(0, 4)),
      data: typeAndData.subarray(4),
      crcOk: crc32(typeAndData) === view.getUint32(at + 8 + length),
    });
    at += 12 + length;
  }
  return out;
}

describe("demo files", () => {
  test("the PNG has a valid signature, chunk CRCs and zlib pixel data of the declared size", () => {
    const png = demoPng(48, 32);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks = chunksOf(png);
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    const ihdr = new DataView(chunks[0]!.data.buffer, chunks[0]!.data.byteOffset);
    expect([ihdr.getUint32(0), ihdr.getUint32(4)]).toEqual([48, 32]);
    // inflateSync checks the Adler-32 trailer; each row is a filter byte + 3 bytes per pixel.
    const pixels = inflateSync(chunks[1]!.data);
    expect(pixels.length).toBe(32 * (1 + 48 * 3));
    expect(png.length).toBeLessThan(5000);
  });

  test("the PDF's cross-reference table points at its objects", () => {
    const pdf = new TextDecoder().decode(demoPdf(["Proposal (draft)", "120 seats"]));
    expect(pdf.startsWith("%PDF-1.4\n")).toBe(true);
    expect(pdf.trimEnd().endsWith("%%EOF")).toBe(true);
    const xrefAt = Number(/startxref\n(\d+)\n/.exec(pdf)![1]);
    expect(pdf.slice(xrefAt, xrefAt + 4)).toBe("xref");
    const offsets = [...pdf.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, i) => {
      expect(pdf.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true);
    });
    // Parentheses in the text are escaped inside PDF strings.
    expect(pdf).toContain("(Proposal \\(draft\\)) '");
  });
});
