import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from './common/database/database-options';
import { buildAppConfig } from './config/app.config';
import { validateEnvironment } from './config/environment';
import { ItemEntity } from './items/item.entity';
import { OrderLineEntity } from './orders/order-line.entity';
import { OrderEntity } from './orders/order.entity';
import { UserEntity } from './users/user.entity';

/** The data source of the TypeORM CLI (`npm run migration:run`, `migration:generate`). */
export default new DataSource({
  ...databaseOptions(buildAppConfig(validateEnvironment(process.env)).database),
  entities: [UserEntity, ItemEntity, OrderEntity, OrderLineEntity],
  migrationsRun: false,
});
