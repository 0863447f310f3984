/** The answer to an attempt: counted, or refused until the window ends. */
export type AttemptAnswer = { counted: true } | { counted: false; retryAfterMs: number };

/**
 * Password attempts per key (a hashed username and address) in a fixed window. Counting is one
 * atomic step that refuses once `limit` attempts are counted, so attempts that arrive together can
 * never all pass a check made before any of them is counted.
 */
export abstract class LoginAttempts {
  abstract count(key: string, limit: number, windowMs: number): Promise<AttemptAnswer>;

  /** Takes back one counted attempt (its password was right). */
  abstract giveBack(key: string): Promise<void>;
}
