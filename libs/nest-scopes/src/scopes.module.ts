import { DynamicModule, InjectionToken, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { BearerChallengeFilter } from './bearer-challenge.filter';
import { DEFAULT_REALM } from './bearer-errors';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { remoteIssuers } from './keys/remote-issuers';
import {
  SCOPES_REMOTE_ISSUERS,
  SCOPES_OPTIONS,
  SCOPES_REALM,
  ScopesModuleOptions,
} from './module-options';
import { RouteAccessReader } from './route-access';
import { ScopesGuard } from './scopes.guard';
import { TokenVerifier } from './token-verifier';

/** How the module plugs into the app; fixed when the module is declared. */
export interface ScopesModuleWiring {
  /**
   * Apply the bearer guard and ScopesGuard to every route (default). `false`: the app applies
   * them itself (`@UseGuards(JwtAuthGuard, ScopesGuard)`, or its own APP_GUARD order).
   */
  readonly globalGuards?: boolean;
  /**
   * Register BearerChallengeFilter globally (default), which adds the `WWW-Authenticate` header.
   * `false` when the app's own filter copies an exception's `responseHeaders`.
   */
  readonly challengeFilter?: boolean;
}

export interface ScopesModuleAsyncOptions<S extends string = string> extends ScopesModuleWiring {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: InjectionToken[];
  readonly useFactory: (
    ...args: never[]
  ) => ScopesModuleOptions<S> | Promise<ScopesModuleOptions<S>>;
}

/** Bearer tokens and scopes for a Nest app: `@Scopes`, `@Public`, the guards, the verifier. */
@Module({})
export class ScopesModule {
  static forRoot<S extends string>(
    options: ScopesModuleOptions<S> & ScopesModuleWiring,
  ): DynamicModule {
    return ScopesModule.build([{ provide: SCOPES_OPTIONS, useValue: options }], options);
  }

  static forRootAsync<S extends string>(options: ScopesModuleAsyncOptions<S>): DynamicModule {
    const module = ScopesModule.build(
      [
        {
          provide: SCOPES_OPTIONS,
          inject: options.inject ?? [],
          useFactory: options.useFactory as (...args: unknown[]) => unknown,
        },
      ],
      options,
    );
    return { ...module, imports: options.imports ?? [] };
  }

  private static build(optionsProviders: Provider[], wiring: ScopesModuleWiring): DynamicModule {
    const exported = [TokenVerifier, RouteAccessReader, JwtAuthGuard, ScopesGuard, SCOPES_OPTIONS];
    return {
      module: ScopesModule,
      global: true,
      providers: [
        ...optionsProviders,
        {
          provide: SCOPES_REALM,
          inject: [SCOPES_OPTIONS],
          useFactory: (options: ScopesModuleOptions) => options.realm ?? DEFAULT_REALM,
        },
        {
          provide: SCOPES_REMOTE_ISSUERS,
          inject: [SCOPES_OPTIONS],
          useFactory: (options: ScopesModuleOptions) => remoteIssuers(options),
        },
        TokenVerifier,
        JwtStrategy,
        RouteAccessReader,
        JwtAuthGuard,
        ScopesGuard,
        ...(wiring.globalGuards === false
          ? []
          : [
              { provide: APP_GUARD, useExisting: JwtAuthGuard },
              { provide: APP_GUARD, useExisting: ScopesGuard },
            ]),
        ...(wiring.challengeFilter === false
          ? []
          : [{ provide: APP_FILTER, useClass: BearerChallengeFilter }]),
      ],
      exports: [...exported, SCOPES_REALM],
    };
  }
}
