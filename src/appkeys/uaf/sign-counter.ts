/**
 * Sign counter rule (UAF Protocol §3.5.7.5, clone detection): authenticators that do not count send 0
 * forever, so stored 0 and received 0 is accepted; otherwise the received counter must be greater.
 */
export function signCounterAccepted(stored: number, received: number): boolean {
  return (stored === 0 && received === 0) || received > stored;
}
