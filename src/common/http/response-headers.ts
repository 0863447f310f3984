/** An exception that carries headers its HTTP response must have (see HttpErrorFilter). */
export interface WithResponseHeaders {
  readonly responseHeaders: Readonly<Record<string, string>>;
}

export function hasResponseHeaders(value: unknown): value is WithResponseHeaders {
  return typeof value === 'object' && value !== null && 'responseHeaders' in value;
}
