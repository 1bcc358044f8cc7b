import { DurableObject } from "cloudflare:workers";

/** What a session is bound to: from another tenant or store it does not exist; of another kind it is refused. */
export interface CeremonyBinding {
  tenant: string;
  storeName: string;
  kind: string;
}

export interface CeremonySession extends CeremonyBinding {
  sessionId: string;
  data: unknown;
  createdAt: number;
  expiresAt: number;
}

export type TakeResult = { status: "taken"; session: CeremonySession } | { status: "absent" } | { status: "foreign" } | { status: "otherKind" };

const SESSION_KEY = "session";

/**
 * Short-lived ceremony state. Addressed by name, an instance is either one ceremony session
 * (`session:<id>`: one record, consumable once, deleted by an alarm at expiry) or a set of used
 * challenges (`challenges:<scope>`: remembered until they expire, purged by the alarm).
 *
 * Every check-then-write runs on the synchronous KV and SQL APIs of SQLite-backed storage, so no
 * other request can interleave between looking at a record and changing it.
 */
export class CeremonySessions extends DurableObject {
  async create(session: CeremonySession): Promise<void> {
    this.ctx.storage.kv.put(SESSION_KEY, session);
    await this.ctx.storage.setAlarm(session.expiresAt);
  }

  /** The session while it lives; an expired one is invisible even before the alarm removes it. */
  read(now: number): CeremonySession | null {
    const session = this.ctx.storage.kv.get<CeremonySession>(SESSION_KEY);
    return session && session.expiresAt > now ? session : null;
  }

  /**
   * Removes the session and returns it when it is live and bound to `expected`: of concurrent
   * takers exactly one wins. A session of another tenant or store, or of another kind, stays.
   */
  async take(now: number, expected: CeremonyBinding): Promise<TakeResult> {
    const session = this.ctx.storage.kv.get<CeremonySession>(SESSION_KEY);
    if (!session || session.expiresAt <= now) return { status: "absent" };
    if (session.tenant !== expected.tenant || session.storeName !== expected.storeName) return { status: "foreign" };
    if (session.kind !== expected.kind) return { status: "otherKind" };
    this.ctx.storage.kv.delete(SESSION_KEY);
    await this.ctx.storage.deleteAll(); // the pending alarm too (compatibility date ≥ 2026-02-24)
    return { status: "taken", session };
  }

  /**
   * True the first time `challenge` is presented before `expiresAt`; false for a replay. A challenge
   * that has already expired is refused too (false): it could not be remembered for any time.
   */
  async markChallengeUsed(challenge: string, expiresAt: number, now: number): Promise<boolean> {
    if (!(expiresAt > now)) return false;
    const sql = this.ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS used_challenges (challenge TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)");
    const seen = sql.exec<{ expires_at: number }>("SELECT expires_at FROM used_challenges WHERE challenge = ?", challenge).toArray()[0];
    if (seen && seen.expires_at > now) return false;
    sql.exec("INSERT OR REPLACE INTO used_challenges (challenge, expires_at) VALUES (?, ?)", challenge, expiresAt);
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null || alarm > expiresAt) await this.ctx.storage.setAlarm(expiresAt);
    return true;
  }

  /** Drops whatever has expired; re-arms for the next expiry, or wipes the instance when nothing is left. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    const next = Math.min(this.purgeSession(now), this.purgeChallenges(now));
    if (next === Infinity) await this.ctx.storage.deleteAll();
    else await this.ctx.storage.setAlarm(next);
  }

  /** The live session's expiry, or Infinity once the (expired) session is gone. */
  private purgeSession(now: number): number {
    const session = this.ctx.storage.kv.get<CeremonySession>(SESSION_KEY);
    if (session && session.expiresAt > now) return session.expiresAt;
    this.ctx.storage.kv.delete(SESSION_KEY);
    return Infinity;
  }

  /** The earliest expiry among live challenges, or Infinity when none is left. */
  private purgeChallenges(now: number): number {
    const sql = this.ctx.storage.sql;
    if (sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'used_challenges'").toArray().length === 0) return Infinity;
    sql.exec("DELETE FROM used_challenges WHERE expires_at <= ?", now);
    return sql.exec<{ next: number | null }>("SELECT min(expires_at) AS next FROM used_challenges").one().next ?? Infinity;
  }
}
