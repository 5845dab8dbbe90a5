/**
 * The demo's attachments, generated here (a few hundred bytes each) so seeding never downloads
 * anything: a PNG "photo" a customer sends and a one-page PDF proposal an agent sends.
 * Hand-written encoders because the Convex runtime has no zlib; both formats allow uncompressed
 * data (PNG "stored" deflate blocks, a PDF content stream without filter).
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

function chunk(type: string, data: number[]): number[] {
  const body = new Uint8Array([...type].map((c) => c.charCodeAt(0)).concat(data));
  return [...u32(data.length), ...body, ...u32(crc32(body))];
}

/** A width x height RGB PNG of diagonal stripes in two colours (uncompressed, under 64 KiB of pixels). */
export function demoPng(width = 48, height = 32): Uint8Array {
  const raw: number[] = [];
  for (let y = 0; y < height; y++) {
    raw.push(0); // filter: none
    for (let x = 0; x < width; x++) {
      const stripe = Math.floor((x + y) / 8) % 2 === 0;
      raw.push(...(stripe ? [79, 70, 229] : [224, 231, 255]));
    }
  }
  if (raw.length > 0xffff) throw new Error("demoPng: one stored block holds at most 65535 bytes");
  const len = raw.length;
  const zlib = [0x78, 0x01, 1, len & 0xff, len >>> 8, ~len & 0xff, (~len >>> 8) & 0xff, ...raw];
  zlib.push(...u32(adler32(new Uint8Array(raw))));
  const ihdr = [...u32(width), ...u32(height), 8, 2, 0, 0, 0];
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk("IHDR", ihdr),
    ...chunk("IDAT", zlib),
    ...chunk("IEND", []),
  ]);
}

/** A one-page PDF with a few lines of text (Helvetica, a standard font: nothing embedded). */
export function demoPdf(lines: string[]): Uint8Array {
  const pdfString = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = ["BT", "/F1 14 Tf", "72 740 Td", "18 TL", ...lines.map((l) => `(${pdfString(l)}) '`), "ET"].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
