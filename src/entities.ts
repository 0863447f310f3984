import { AuthorizationCodeEntity } from './auth/authorize/authorization-code.entity';
import { LoginAttemptEntity } from './auth/login-throttle/login-attempt.entity';
import { RefreshTokenEntity } from './auth/refresh/refresh-token.entity';
import { RevokedAccessTokenEntity } from './auth/revocation/revoked-access-token.entity';
import { ClientEntity } from './clients/client.entity';
import { ItemEntity } from './items/item.entity';
import { OrderLineEntity } from './orders/order-line.entity';
import { OrderEntity } from './orders/order.entity';
import { UserEntity } from './users/user.entity';

/** Every entity, for the TypeORM CLI and the migration test; the app loads them per module. */
export const ENTITIES = [
  UserEntity,
  ItemEntity,
  OrderEntity,
  OrderLineEntity,
  ClientEntity,
  RefreshTokenEntity,
  AuthorizationCodeEntity,
  LoginAttemptEntity,
  RevokedAccessTokenEntity,
];
