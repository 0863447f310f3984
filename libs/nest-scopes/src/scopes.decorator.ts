import { applyDecorators, SetMetadata, Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { BearerErrorDto } from './bearer-error.dto';
import { IS_PUBLIC_KEY } from './public.decorator';

export const SCOPES_KEY = 'nest-scopes:scopes';
/** The name of the OAuth2 security scheme operations refer to, unless the app names another. */
export const DEFAULT_SECURITY_NAME = 'oauth2';
const CHALLENGE = { type: 'string', maxLength: 1024 } as const;

export interface ScopesDecoratorOptions {
  /** The security scheme (`DocumentBuilder.addOAuth2(..., name)`) each operation requires. */
  readonly securityName?: string;
  /** The body documented for 401 and 403; NestJS's error shape by default. */
  readonly errorType?: Type<unknown>;
}

/** The operation's one OAuth2 security requirement, kept so a controller's @Scopes can add to it. */
const REQUIREMENT_KEY = 'nest-scopes:security-requirement';

/**
 * Adds scopes to the handler's single requirement (AND). @nestjs/swagger would turn a second
 * @ApiSecurity into an alternative (OR), so the requirement object is created once and extended.
 */
function requireInOpenApi(
  securityName: string,
  prototype: object,
  name: string | symbol,
  handler: object,
  scopes: readonly string[],
) {
  let requirement = Reflect.getMetadata(REQUIREMENT_KEY, handler) as
    Record<string, string[]> | undefined;
  if (!requirement) {
    requirement = { [securityName]: [] };
    Reflect.defineMetadata(REQUIREMENT_KEY, requirement, handler);
    ApiSecurity(requirement)(prototype, name, { value: handler });
  }
  requirement[securityName] = [...new Set([...scopes, ...requirement[securityName]])];
}

const isRoute = (value: unknown): value is object =>
  typeof value === 'function' && Reflect.getMetadata(PATH_METADATA, value) !== undefined;

/**
 * A route method inherited from a base class is one function shared by every controller that
 * extends it, and the OpenAPI document keeps one description per function: this controller's
 * scopes cannot be shown on it without showing them on its siblings too. The guard would enforce
 * them, the document would not say so; refused at start-up instead.
 */
function refuseInheritedRoutes(controller: { name: string }, prototype: object): void {
  // Descriptors, not property reads: a base class's getter must not run on a bare prototype.
  const seen = new Set(Object.getOwnPropertyNames(prototype));
  for (let base = Object.getPrototypeOf(prototype) as object | null; base;) {
    for (const name of Object.getOwnPropertyNames(base)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const handler: unknown = Object.getOwnPropertyDescriptor(base, name)?.value;
      if (!isRoute(handler) || Reflect.getMetadata(IS_PUBLIC_KEY, handler)) continue;
      throw new Error(
        `@Scopes on ${controller.name} cannot be documented on the route ${name}() it inherits ` +
          `(one OpenAPI operation per method): declare ${name}() in ${controller.name} ` +
          `(an override calling super) or put @Scopes on the method or the base class`,
      );
    }
    base = Object.getPrototypeOf(base) as object | null;
  }
}

/**
 * The `@Scopes(...)` decorator: sets the metadata the ScopesGuard enforces and, from the same
 * list, the OpenAPI security requirement of each operation, so the two cannot drift.
 */
export function scopesDecorator(options: ScopesDecoratorOptions = {}) {
  const securityName = options.securityName ?? DEFAULT_SECURITY_NAME;
  const type = options.errorType ?? BearerErrorDto;
  return (...scopes: string[]): ClassDecorator & MethodDecorator => {
    const documented = applyDecorators(
      SetMetadata(SCOPES_KEY, scopes),
      ApiUnauthorizedResponse({
        type,
        description: 'No access token, or one that is invalid (see WWW-Authenticate)',
        headers: {
          'WWW-Authenticate': { description: 'RFC 6750 Bearer challenge', schema: CHALLENGE },
        },
      }),
      ApiForbiddenResponse({
        type,
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
        requireInOpenApi(securityName, target, key, descriptor.value as object, scopes);
        return;
      }
      documented(target as never);
      // Class decorators run after method decorators: each route's own requirement exists by now.
      const prototype = (target as { prototype: Record<string, unknown> }).prototype;
      refuseInheritedRoutes(target as { name: string }, prototype);
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (!isRoute(handler) || Reflect.getMetadata(IS_PUBLIC_KEY, handler)) continue;
        requireInOpenApi(securityName, prototype, name, handler, scopes);
      }
    };
  };
}
