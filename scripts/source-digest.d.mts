// Types for source-digest.mjs, which the tests that run dist/ import.

export const DIGEST_FILE: string

export function sourceDigest(root: string): string
