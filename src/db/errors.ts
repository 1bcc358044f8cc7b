/**
 * True when a write failed with `marker` in its message: a constraint's text or a trigger's
 * `RAISE(ABORT, marker)`. drizzle wraps the D1 error in `cause`, so the whole chain is searched.
 */
export function isAbort(error: unknown, marker: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes(marker)) return true;
  }
  return false;
}

/** True when a write failed on a UNIQUE constraint. */
export function isUniqueViolation(error: unknown): boolean {
  return isAbort(error, "UNIQUE constraint failed");
}
