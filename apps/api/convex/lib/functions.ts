/**
 * The only builders public Convex functions are made with: authorization is declared once, here,
 * instead of hand-called in every handler (test/functions.test.ts fails on a raw `query(` /
 * `mutation(` / `action(` in any other module).
 *
 *   member*   any member of `organizationId` (an argument every such function gets)
 *   admin*    an owner or admin of `organizationId`
 *   user*     a signed-in user with a live Better Auth session, no organization (onboarding, invitations)
 *   signedIn* a valid identity only (the organization picker, before any membership exists)
 *   visitor*  no Convex auth at all: the handler authorizes with its own token (the chat widget)
 *
 * The organization builders put `member` (the caller's membership) and `organizationId` in ctx and
 * pass `organizationId` on to the handler's arguments. Actions have no database, so they check
 * through the internal query `orgs/members:requireCaller` (the caller's identity travels with it).
 */

import { v } from "convex/values";
import { customAction, customCtx, customMutation, customQuery, NoOp } from "convex-helpers/server/customFunctions";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { type ActionCtx, action, mutation, type QueryCtx, query } from "../_generated/server";
import { requireLiveIdentity } from "../auth";
import { requireUser } from "../orgs/model";
import type { MemberRole } from "../schema/validators";
import { ADMIN_ROLES, ANY_ROLE, requireMember } from "./auth";

const orgArgs = { organizationId: v.id("organizations") };

function inOrganization(roles: readonly MemberRole[]) {
  return {
    args: orgArgs,
    input: async (ctx: QueryCtx, { organizationId }: { organizationId: Id<"organizations"> }) => {
      const member = await requireMember(ctx, organizationId, roles);
      return { ctx: { member, organizationId }, args: { organizationId } };
    },
  };
}

function inOrganizationAction(roles: readonly MemberRole[]) {
  return {
    args: orgArgs,
    input: async (ctx: ActionCtx, { organizationId }: { organizationId: Id<"organizations"> }) => {
      const member: Doc<"members"> = await ctx.runQuery(internal.orgs.members.requireCaller, {
        organizationId,
        roles: [...roles],
      });
      return { ctx: { member, organizationId }, args: { organizationId } };
    },
  };
}

export const memberQuery = customQuery(query, inOrganization(ANY_ROLE));
export const memberMutation = customMutation(mutation, inOrganization(ANY_ROLE));
export const memberAction = customAction(action, inOrganizationAction(ANY_ROLE));

export const adminQuery = customQuery(query, inOrganization(ADMIN_ROLES));
export const adminMutation = customMutation(mutation, inOrganization(ADMIN_ROLES));
export const adminAction = customAction(action, inOrganizationAction(ADMIN_ROLES));

/** Signed-in user with a live session, no organization: ctx.user. */
export const userQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ user: await requireUser(ctx) })),
);
export const userMutation = customMutation(
  mutation,
  customCtx(async (ctx) => ({ user: await requireUser(ctx) })),
);

/** Any valid identity (no session lookup): ctx.tokenIdentifier. */
export const signedInQuery = customQuery(
  query,
  customCtx(async (ctx) => {
    const identity = await requireLiveIdentity(ctx);
    return { tokenIdentifier: identity.tokenIdentifier };
  }),
);

/**
 * Anonymous visitors: nothing is checked here on purpose. Every handler built with this MUST
 * authorize from its own arguments (the chat widget verifies a signed visitor token).
 */
export const visitorQuery = customQuery(query, NoOp);
/** Same contract as visitorQuery: the handler authorizes with its own token (and rate-limits). */
export const visitorMutation = customMutation(mutation, NoOp);
