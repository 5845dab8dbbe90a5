/**
 * Baseline for the ingest benchmark: a bare node:http server that does the least a webhook
 * receiver must do — verify the Twilio signature (HMAC-SHA1, node:crypto, constant-time compare)
 * and append the message to a file — then answers the same empty TwiML. Prints its port.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import http from "node:http";

const authToken = process.argv[2]!;
const outFile = process.argv[3]!;
const out = fs.openSync(outFile, "a");

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const params = new URLSearchParams(body);
    const url = `http://${req.headers.host}${req.url}`;
    let data = url;
    for (const key of [...new Set(params.keys())].sort()) for (const v of params.getAll(key).sort()) data += key + v;
    const expected = createHmac("sha1", authToken).update(data, "utf8").digest();
    const given = Buffer.from(String(req.headers["x-twilio-signature"] ?? ""), "base64");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(403).end();
      return;
    }
    fs.writeSync(
      out,
      `${JSON.stringify({ sid: params.get("MessageSid"), from: params.get("From"), body: params.get("Body") })}\n`,
    );
    res
      .writeHead(200, { "content-type": "text/xml" })
      .end('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
});
server.listen(0, "127.0.0.1", () => {
  const addr = server.address() as { port: number };
  console.log(`baseline listening ${addr.port}`);
});
