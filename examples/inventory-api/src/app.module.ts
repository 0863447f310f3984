import { DynamicModule, Module } from '@nestjs/common';
import { ScopesModule } from '@scopegate/nest-scopes';
import { Settings } from './settings';
import { INVENTORY_SCOPES } from './scopes';
import { StockController } from './stock.controller';

/** Trusts scopegate as a remote issuer: discovery, JWKS, or introspection when configured. */
@Module({})
export class AppModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ScopesModule.forRoot({
          scopes: INVENTORY_SCOPES,
          realm: 'inventory-api',
          clockTolerance: 30,
          issuers: [
            {
              issuer: settings.issuer,
              audience: settings.audience,
              typ: 'at+jwt',
              introspection: settings.introspection,
            },
          ],
        }),
      ],
      controllers: [StockController],
    };
  }
}
