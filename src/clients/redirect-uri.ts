import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * A redirect URI as the authorization endpoint redirects to it: parsed by WHATWG URL (as `new URL`
 * and browsers parse), http or https, without fragment. Registration and the authorization endpoint
 * both ask this, so a URI is refused at registration exactly when redirecting to it would fail.
 */
export function parseRedirectUri(uri: string): URL | undefined {
  if (uri.includes('#')) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/** class-validator: a string that parseRedirectUri accepts. */
export const IsRedirectUri = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isRedirectUri',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parseRedirectUri(value) !== undefined,
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be absolute http(s) URLs that WHATWG URL parsing accepts, without fragment`,
          options,
        ),
      },
    },
    options,
  );
