import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, appConfig } from '../../config/app.config';
import { databaseOptions } from './database-options';
import { serializeSqliteAccess } from './sqlite-serialization';

/** The configured database, for the server and the CLI alike; features register their entities. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: AppConfig) => ({
        ...databaseOptions(config.database),
        autoLoadEntities: true,
      }),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        if (dataSource.options.type === 'better-sqlite3') serializeSqliteAccess(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
