import { DurableObject } from "cloudflare:workers";
import { mintApnsToken } from "./apns-token";
import type { TokenFailure } from "./fcm-token";
import { exchangeFcmToken } from "./fcm-token";
import { InvalidKeyError } from "./pem";
import type { ApnsCredentials, FcmCredentials } from "./types";

export type TokenResult = { token: string } | TokenFailure;

interface CachedToken {
  token: string;
  /** From then on a new token is minted (ms since the epoch). */
  renewAt: number;
  /** Of no use after this: the alarm wipes the instance. */
  expiresAt: number;
}

/** Apple: reuse a provider token for at least 20 and less than 60 minutes (429 TooManyProviderTokenUpdates when refreshed more often). */
const APNS_RENEW_AFTER_MS = 40 * 60_000;
const APNS_TOKEN_LIFETIME_MS = 60 * 60_000;
/** An FCM access token is replaced a minute before it expires, so none expires in flight. */
const FCM_RENEW_MARGIN_MS = 60_000;
const TOKEN_KEY = "token";

/**
 * The provider token of one set of credentials (one instance per policy and key: see deliver.ts),
 * shared by every isolate: an APNs provider JWT or an FCM access token. Kept in SQLite-backed
 * storage, so an evicted instance does not mint again too early. Concurrent callers share one mint:
 * input gates do not hold other requests back while a signature or a fetch is awaited.
 */
export class PushProviderTokens extends DurableObject {
  private minting: Promise<TokenResult> | undefined;

  apnsToken(credentials: ApnsCredentials, now: number): Promise<TokenResult> {
    return this.cachedOrMinted(now, async () => ({ token: await mintApnsToken(credentials, now), renewAt: now + APNS_RENEW_AFTER_MS, expiresAt: now + APNS_TOKEN_LIFETIME_MS }));
  }

  fcmToken(credentials: FcmCredentials, exchange: { tokenUrl: string; timeoutMs: number }, now: number): Promise<TokenResult> {
    return this.cachedOrMinted(now, async () => {
      const answer = await exchangeFcmToken(credentials, exchange.tokenUrl, now, exchange.timeoutMs);
      return "error" in answer ? answer : { token: answer.token, renewAt: answer.expiresAt - FCM_RENEW_MARGIN_MS, expiresAt: answer.expiresAt };
    });
  }

  /**
   * The service refused `token` (APNs 403 Expired/InvalidProviderToken, FCM 401): the next call
   * mints anew. Only that token is dropped, so of many deliveries refused at once just one re-mints.
   */
  invalidate(token: string): void {
    if (this.ctx.storage.kv.get<CachedToken>(TOKEN_KEY)?.token === token) this.ctx.storage.kv.delete(TOKEN_KEY);
  }

  override async alarm(): Promise<void> {
    const cached = this.ctx.storage.kv.get<CachedToken>(TOKEN_KEY);
    if (cached && cached.expiresAt > Date.now()) await this.ctx.storage.setAlarm(cached.expiresAt);
    else await this.ctx.storage.deleteAll();
  }

  private cachedOrMinted(now: number, mint: () => Promise<CachedToken | TokenFailure>): Promise<TokenResult> {
    const cached = this.ctx.storage.kv.get<CachedToken>(TOKEN_KEY);
    if (cached && now < cached.renewAt) return Promise.resolve({ token: cached.token });
    this.minting ??= this.mintAndKeep(mint).finally(() => (this.minting = undefined));
    return this.minting;
  }

  private async mintAndKeep(mint: () => Promise<CachedToken | TokenFailure>): Promise<TokenResult> {
    let minted: CachedToken | TokenFailure;
    try {
      minted = await mint();
    } catch (error) {
      if (error instanceof InvalidKeyError) return { error: error.message, retryable: false };
      throw error;
    }
    if ("error" in minted) return minted;
    this.ctx.storage.kv.put(TOKEN_KEY, minted);
    await this.ctx.storage.setAlarm(minted.expiresAt);
    return { token: minted.token };
  }
}
