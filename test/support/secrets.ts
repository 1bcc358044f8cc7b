/** Secrets the test Worker runs with (vitest.config.ts binds them); never used outside tests. */
export const TEST_JWT_SECRET = "test-only-hs256-secret-0123456789abcdef";
export const TEST_DATA_ENCRYPTION_KEY = "test-only-data-key-0123456789abcdef0123456789";
