import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start } from "./helpers.js";

const api = anyApi as any;
let b: Awaited<ReturnType<typeof start>>;
beforeAll(async () => {
  b = await start();
});
afterAll(async () => {
  await b?.stop();
});

describe("file storage", () => {
  it("uploads via generateUploadUrl, serves getUrl, stores from actions and mutations, deletes", async () => {
    const http = new ConvexHttpClient(b.url);
    const url: string = await http.mutation(api.files.uploadUrl, {});
    expect(url.startsWith(b.url)).toBe(true);
    const up = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "image/png" },
      body: new Uint8Array([137, 80, 78, 71]),
    });
    expect(up.status).toBe(200);
    const { storageId } = await up.json();
    const info = await http.query(api.files.info, { id: storageId });
    expect(info).toMatchObject({ size: 4, contentType: "image/png" });
    const got = await fetch(info.url);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
    // upload tokens are single-use
    expect((await fetch(url, { method: "POST", body: "x" })).status).toBe(401);

    const fromAction = await http.action(api.files.storeFromAction, { text: "hello file" });
    expect(fromAction.back).toBe("hello file");
    const fromMutation = await http.mutation(api.files.storeInMutation, { text: "in mutation" });
    expect(fromMutation.back).toBe("in mutation");

    await http.mutation(api.files.remove, { id: storageId });
    expect(await http.query(api.files.info, { id: storageId })).toBeNull();
    expect((await fetch(info.url)).status).toBe(404);
  });
});
