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

/**
 * Expired rows are invisible at once; the alarm only reclaims their space, at most this often, so
 * that a busy shard is not woken once per expiring session.
 */
export const PURGE_INTERVAL_MS = 60_000;

/**
 * Short-lived ceremony state. Addressed by name, an instance is either a shard of ceremony
 * sessions (`sessions:<shard>`: rows consumable once) or a set of used challenges
 * (`challenges:<scope>`: remembered until they expire). Its alarm drops what has expired.
 *
 * Every check-then-write runs on the synchronous SQL API of SQLite-backed storage, so no other
 * request can interleave between looking at a row and changing it.
 */
export class CeremonySessions extends DurableObject {
  private readonly sql = this.ctx.storage.sql;
  /** When the pending alarm fires (null: none), as last set here; undefined until asked once. */
  private alarmAt: number | null | undefined;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, record TEXT NOT NULL, expires_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS used_challenges (challenge TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)`);
  }

  async create(session: CeremonySession): Promise<void> {
    this.sql.exec("INSERT INTO sessions (id, record, expires_at) VALUES (?, ?, ?)", session.sessionId, JSON.stringify(session), session.expiresAt);
    await this.armFor(session.expiresAt);
  }

  /** The session while it lives; an expired one is invisible even before the alarm removes it. */
  read(sessionId: string, now: number): CeremonySession | null {
    const row = this.sql.exec<{ record: string }>("SELECT record FROM sessions WHERE id = ? AND expires_at > ?", sessionId, now).toArray()[0];
    return row ? (JSON.parse(row.record) as CeremonySession) : null;
  }

  /**
   * Removes the session and returns it when it is live and bound to `expected`: of concurrent
   * takers exactly one wins. A session of another tenant or store, or of another kind, stays.
   */
  take(sessionId: string, now: number, expected: CeremonyBinding): TakeResult {
    const session = this.read(sessionId, now);
    if (!session) return { status: "absent" };
    if (session.tenant !== expected.tenant || session.storeName !== expected.storeName) return { status: "foreign" };
    if (session.kind !== expected.kind) return { status: "otherKind" };
    this.sql.exec("DELETE FROM sessions WHERE id = ?", sessionId);
    return { status: "taken", session };
  }

  /**
   * True the first time `challenge` is presented before `expiresAt`; false for a replay. A challenge
   * that has already expired is refused too (false): it could not be remembered for any time.
   */
  async markChallengeUsed(challenge: string, expiresAt: number, now: number): Promise<boolean> {
    if (!(expiresAt > now)) return false;
    const seen = this.sql.exec<{ expires_at: number }>("SELECT expires_at FROM used_challenges WHERE challenge = ?", challenge).toArray()[0];
    if (seen && seen.expires_at > now) return false;
    this.sql.exec("INSERT OR REPLACE INTO used_challenges (challenge, expires_at) VALUES (?, ?)", challenge, expiresAt);
    await this.armFor(expiresAt);
    return true;
  }

  /** Drops whatever has expired; re-arms while anything is left. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    this.sql.exec("DELETE FROM sessions WHERE expires_at <= ?", now);
    this.sql.exec("DELETE FROM used_challenges WHERE expires_at <= ?", now);
    const { next } = this.sql
      .exec<{ next: number | null }>("SELECT min(expires_at) AS next FROM (SELECT expires_at FROM sessions UNION ALL SELECT expires_at FROM used_challenges)")
      .one();
    this.alarmAt = next === null ? null : Math.max(next, now + PURGE_INTERVAL_MS);
    if (this.alarmAt !== null) await this.ctx.storage.setAlarm(this.alarmAt);
  }

  /** The alarm is brought forward to `expiresAt` when none is pending or the pending one is later. */
  private async armFor(expiresAt: number): Promise<void> {
    if (this.alarmAt === undefined) this.alarmAt = await this.ctx.storage.getAlarm();
    if (this.alarmAt !== null && this.alarmAt <= expiresAt) return;
    this.alarmAt = expiresAt;
    await this.ctx.storage.setAlarm(expiresAt);
  }
}
