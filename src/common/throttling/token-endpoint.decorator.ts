import { ExecutionContext, SetMetadata } from '@nestjs/common';

const TOKEN_ENDPOINT_KEY = 'scopegate:token-endpoint';

/** Puts a controller's routes under the per-address ceiling of the OAuth endpoints. */
export const TokenEndpoint = () => SetMetadata(TOKEN_ENDPOINT_KEY, true);

export const isTokenEndpoint = (context: ExecutionContext): boolean =>
  Reflect.getMetadata(TOKEN_ENDPOINT_KEY, context.getClass()) === true;
