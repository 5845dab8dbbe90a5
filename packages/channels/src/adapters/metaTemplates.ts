/**
 * Lists a WhatsApp Business Account's message templates:
 * GET {base}/{version}/{waba_id}/message_templates, cursor-paged through `paging.cursors.after`
 * while `paging.next` is present (developers.facebook.com/docs/graph-api/results). Bounded: at most
 * `maxPages` pages of `pageSize`, so a WABA with thousands of templates cannot stall the caller.
 */
import { baseUrl, httpRequest, isObject } from "../http";
import type { AdapterContext } from "../types";
import { parseMetaTemplate, type WhatsAppTemplate } from "../whatsappTemplates";
import { META_DEFAULT_API_VERSION, META_DEFAULT_BASE_URL } from "./meta";

export const TEMPLATE_PAGE_SIZE = 100;
export const TEMPLATE_MAX_PAGES = 5;
const FIELDS = "id,name,language,status,category,parameter_format,components";

export type TemplateListing =
  | { ok: true; templates: WhatsAppTemplate[]; truncated: boolean }
  | { ok: false; error: string };

function graphMessage(json: unknown, status: number): string {
  const error = isObject(json) && isObject(json.error) ? json.error : undefined;
  return typeof error?.message === "string" ? error.message : `Meta HTTP ${status}`;
}

export async function listWhatsAppTemplates(
  ctx: AdapterContext,
  opts: { maxPages?: number; pageSize?: number } = {},
): Promise<TemplateListing> {
  const token = ctx.credentials.accessToken;
  const wabaId = ctx.settings.wabaId;
  if (!token) return { ok: false, error: "The WhatsApp channel has no access token" };
  if (!wabaId || !/^\d+$/.test(wabaId)) {
    return { ok: false, error: "Set the WhatsApp Business Account id in the channel's settings to list templates" };
  }
  const maxPages = Math.max(1, Math.min(opts.maxPages ?? TEMPLATE_MAX_PAGES, 20));
  const pageSize = Math.max(1, Math.min(opts.pageSize ?? TEMPLATE_PAGE_SIZE, 250));
  const version = ctx.settings.apiVersion ?? META_DEFAULT_API_VERSION;
  const root = `${baseUrl(ctx, META_DEFAULT_BASE_URL)}/${version}/${encodeURIComponent(wabaId)}/message_templates`;
  const templates: WhatsAppTemplate[] = [];
  let after: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const query = new URLSearchParams({ fields: FIELDS, limit: String(pageSize), status: "APPROVED" });
    if (after) query.set("after", after);
    const out = await httpRequest(ctx, {
      method: "GET",
      url: `${root}?${query}`,
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    });
    if (out.kind === "network") return { ok: false, error: out.message };
    if (out.status !== 200 || !isObject(out.json)) return { ok: false, error: graphMessage(out.json, out.status) };
    const data = Array.isArray(out.json.data) ? out.json.data : [];
    for (const raw of data) {
      const t = parseMetaTemplate(raw);
      if (t) templates.push(t);
    }
    const paging = isObject(out.json.paging) ? out.json.paging : undefined;
    const cursors = paging && isObject(paging.cursors) ? paging.cursors : undefined;
    const next = typeof cursors?.after === "string" ? cursors.after : undefined;
    if (!paging?.next || !next || data.length === 0) return { ok: true, templates, truncated: false };
    after = next;
  }
  return { ok: true, templates, truncated: true };
}
