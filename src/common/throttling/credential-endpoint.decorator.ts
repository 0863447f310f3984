import { ExecutionContext, SetMetadata } from '@nestjs/common';

const CREDENTIAL_ENDPOINT_KEY = 'scopegate:credential-endpoint';

/**
 * For controllers whose routes take credentials (passwords, client secrets, codes, tokens): their
 * requests count against one tighter per-address ceiling (THROTTLE_TOKEN_PER_MINUTE) instead of
 * the default per-route limit, so guesses spread over several such routes are still counted together.
 */
export const CredentialEndpoint = () => SetMetadata(CREDENTIAL_ENDPOINT_KEY, true);

export const isCredentialEndpoint = (context: ExecutionContext): boolean =>
  Reflect.getMetadata(CREDENTIAL_ENDPOINT_KEY, context.getClass()) === true;
