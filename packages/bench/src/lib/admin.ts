/** Admin calls over the backend's HTTP API (`Authorization: Convex <adminKey>[:<identity>]`). */
export interface Identity {
  subject: string;
  issuer: string;
  tokenIdentifier: string;
  /** the Better Auth session behind the identity (benchProbe/session:open) */
  sessionId?: string;
}

export class AdminApi {
  constructor(
    readonly url: string,
    readonly adminKey: string,
  ) {}

  /** Calls any function (public or internal) by path, e.g. "orgs/admin:createOrganization". */
  async call<T = unknown>(path: string, args: Record<string, unknown> = {}, actAs?: Identity): Promise<T> {
    const auth = actAs ? `${this.adminKey}:${Buffer.from(JSON.stringify(actAs)).toString("base64")}` : this.adminKey;
    const res = await fetch(`${this.url}/api/function`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Convex ${auth}` },
      body: JSON.stringify({ path, args, format: "json" }),
    });
    const body = (await res.json()) as { status: string; value?: T; errorMessage?: string; errorData?: unknown };
    if (body.status !== "success") {
      throw new Error(
        `${path} failed (${res.status}): ${body.errorMessage}${body.errorData ? ` ${JSON.stringify(body.errorData)}` : ""}`,
      );
    }
    return body.value as T;
  }
}
