import { afterAll } from "vitest";
import { cleanupTmpDirs } from "./helpers.js";

// registered first, so it runs after each file's own afterAll (backends stopped by then)
afterAll(() => cleanupTmpDirs());
