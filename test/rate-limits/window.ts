/**
 * The Rate Limiting binding counts in windows aligned to the wall clock (miniflare: the window is
 * `floor(now / period)`), so a test whose requests straddle a window's end sees the count restart
 * and a request it expects refused pass. Waits, when the current window ends within `marginSec`,
 * until the next one begins.
 */
export async function awayFromWindowEnd(periodSec = 60, marginSec = 10): Promise<void> {
  const periodMs = periodSec * 1000;
  const left = periodMs - (Date.now() % periodMs);
  if (left < marginSec * 1000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
