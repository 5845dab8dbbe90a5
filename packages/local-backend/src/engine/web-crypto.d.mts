/** Types of web-crypto.mjs (plain JavaScript, imported by function-worker.mjs). */
type SyncSubtle = Pick<SubtleCrypto, "importKey" | "sign" | "verify" | "encrypt" | "decrypt" | "digest">;
export function syncSubtle(subtle: SubtleCrypto): SyncSubtle;
export function installSyncSubtle(subtle?: SubtleCrypto): void;
