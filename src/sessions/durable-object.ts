import { DurableObject } from "cloudflare:workers";

export interface CeremonySession {
  sessionId: string;
  kind: string;
  storeId: string;
  userId: string | null;
  policyName: string | null;
  rpId: string | null;
  data: unknown;
  createdAt: number;
  expiresAt: number;
}

const SESSION_KEY = "session";

/**
 * Short-lived ceremony state. Addressed by name, an instance is either one ceremony session
 * (`session:<id>`: one record, deleted by an alarm at expiry, consumable once) or a set of used
 * challenges (`challenges:<scope>`: remembered until they expire, purged by the alarm).
 */
export class CeremonySessions extends DurableObject {
  async create(session: CeremonySession): Promise<void> {
    await this.ctx.storage.put(SESSION_KEY, session);
    await this.ctx.storage.setAlarm(session.expiresAt);
  }

  async read(now: number): Promise<CeremonySession | null> {
    const session = await this.ctx.storage.get<CeremonySession>(SESSION_KEY);
    return session && session.expiresAt > now ? session : null;
  }

  /** Returns the session and deletes it in the same turn: of concurrent consumers exactly one wins. */
  async consume(now: number): Promise<CeremonySession | null> {
    const session = await this.ctx.storage.get<CeremonySession>(SESSION_KEY);
    if (!session) return null;
    await this.ctx.storage.deleteAll();
    return session.expiresAt > now ? session : null;
  }

  /** True the first time `challenge` is seen before its expiry; false for a replay. */
  async markChallengeUsed(challenge: string, expiresAt: number, now: number): Promise<boolean> {
    const sql = this.ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS used_challenges (challenge TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)");
    const seen = sql.exec<{ expires_at: number }>("SELECT expires_at FROM used_challenges WHERE challenge = ?", challenge).toArray()[0];
    if (seen && seen.expires_at > now) return false;
    sql.exec("INSERT OR REPLACE INTO used_challenges (challenge, expires_at) VALUES (?, ?)", challenge, expiresAt);
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null || alarm > expiresAt) await this.ctx.storage.setAlarm(expiresAt);
    return true;
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    const session = await this.ctx.storage.get<CeremonySession>(SESSION_KEY);
    if (session) {
      if (session.expiresAt <= now) await this.ctx.storage.deleteAll();
      else await this.ctx.storage.setAlarm(session.expiresAt);
      return;
    }
    const sql = this.ctx.storage.sql;
    const hasTable = sql.exec("SELECT 1 FROM sqlite_master WHERE name = 'used_challenges'").toArray().length > 0;
    if (!hasTable) return;
    sql.exec("DELETE FROM used_challenges WHERE expires_at <= ?", now);
    const next = sql.exec<{ next: number | null }>("SELECT min(expires_at) AS next FROM used_challenges").toArray()[0]?.next;
    if (next) await this.ctx.storage.setAlarm(next);
    else await this.ctx.storage.deleteAll();
  }
}
