/**
 * Seconds a client is asked to wait on any 503: a dependency is down or the process is
 * overloaded. The request was fine, so clients and load balancers retry it, unlike a 500.
 */
export const RETRY_AFTER_SECONDS = 5;

/** A 503 at an OAuth endpoint, as an RFC 6749 error object. */
export const temporarilyUnavailable = (description: string) => ({
  error: 'temporarily_unavailable',
  error_description: description,
});
