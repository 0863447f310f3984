import { applyDecorators, SetMetadata } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorDto } from '../http/error.dto';
import { IS_PUBLIC_KEY } from './public.decorator';
import { Scope } from './scope-table';

export const SCOPES_KEY = 'scopegate:scopes';
const CHALLENGE = { type: 'string', maxLength: 1024 } as const;
export const OAUTH2_SECURITY_NAME = 'oauth2';

/** The operation's one OAuth2 security requirement, kept so a controller's @Scopes can add to it. */
const REQUIREMENT_KEY = 'scopegate:security-requirement';
type SecurityRequirement = Record<typeof OAUTH2_SECURITY_NAME, string[]>;

/**
 * Adds scopes to the handler's single requirement (AND). @nestjs/swagger would turn a second
 * @ApiSecurity into an alternative (OR), so the requirement object is created once and extended.
 */
function requireInOpenApi(
  prototype: object,
  name: string | symbol,
  handler: object,
  scopes: readonly string[],
) {
  let requirement = Reflect.getMetadata(REQUIREMENT_KEY, handler) as
    SecurityRequirement | undefined;
  if (!requirement) {
    requirement = { [OAUTH2_SECURITY_NAME]: [] };
    Reflect.defineMetadata(REQUIREMENT_KEY, requirement, handler);
    ApiSecurity(requirement)(prototype, name, { value: handler });
  }
  requirement[OAUTH2_SECURITY_NAME] = [
    ...new Set([...scopes, ...requirement[OAUTH2_SECURITY_NAME]]),
  ];
}

/**
 * Requires every listed scope (with no argument: any valid access token). On a controller, its
 * scopes are added to each route's own. Sets the metadata the ScopesGuard enforces and, from the
 * same list, the OpenAPI security requirement of each operation, so the two cannot drift.
 */
export function Scopes(...scopes: Scope[]): ClassDecorator & MethodDecorator {
  const documented = applyDecorators(
    SetMetadata(SCOPES_KEY, scopes),
    ApiUnauthorizedResponse({
      type: ErrorDto,
      description: 'No access token, or one that is invalid (see WWW-Authenticate)',
      headers: {
        'WWW-Authenticate': { description: 'RFC 6750 Bearer challenge', schema: CHALLENGE },
      },
    }),
    ApiForbiddenResponse({
      type: ErrorDto,
      description: 'The access token lacks a required scope (named in WWW-Authenticate)',
      headers: {
        'WWW-Authenticate': {
          description: 'insufficient_scope, with scope="..."',
          schema: CHALLENGE,
        },
      },
    }),
  );
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (key !== undefined && descriptor) {
      documented(target, key, descriptor);
      requireInOpenApi(target, key, descriptor.value as object, scopes);
      return;
    }
    documented(target as never);
    // Class decorators run after method decorators: each route's own requirement exists by now.
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function') continue;
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      if (Reflect.getMetadata(IS_PUBLIC_KEY, handler)) continue;
      requireInOpenApi(prototype, name, handler, scopes);
    }
  };
}
