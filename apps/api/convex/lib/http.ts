/** JSON error body shared by webhooks and the REST API: `{ error: { code, message } }`. */
export function jsonError(status: number, code: string, message: string, headers?: Record<string, string>): Response {
  return Response.json({ error: { code, message } }, { status, headers });
}
