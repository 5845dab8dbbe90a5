/**
 * CRM tables (merge suggestions, merges audit, insights, commitments, deals...).
 * Spread into defineSchema by ../schema.ts. Every table carries organizationId and every index
 * starts with it.
 */
export const crmTables = {};
