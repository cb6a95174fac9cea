// The port of the HSM's health, as the operations listener reads it (docs/operations.md "Operations port").

export interface HsmHealth {
  /** True when the last HSM call succeeded (or a reconnect did). */
  readonly available: boolean;
  /** PKCS#11 sessions, and operations queued or in flight (the dcc_hsm_sessions gauge). */
  readonly sessions: { readonly size: number; readonly busy: number; readonly waiting: number };
  /** A real signature through a pooled session: the readiness probe. */
  probe(): Promise<void>;
}
