/** Outbound delivery tables (spread into defineSchema by ../schema.ts). */
export const outboundTables = {};
