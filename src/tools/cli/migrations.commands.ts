import { Inject } from '@nestjs/common';
import { Command } from 'nest-commander';
import { CliCommand } from './cli-command';
import { DataSource, MigrationExecutor } from 'typeorm';
import { AppConfig, appConfig } from '../../config/app.config';
import { withMigrationDataSource } from './migration-data-source';

const applied = (dataSource: DataSource) =>
  new MigrationExecutor(dataSource).getExecutedMigrations();

/** Runs against DATABASE_URL as configured; the CLI never migrates on its own. */
abstract class MigrationCommand extends CliCommand {
  constructor(@Inject(appConfig.KEY) protected readonly config: AppConfig) {
    super();
  }
}

@Command({ name: 'migrations:run', description: 'Apply every pending migration' })
export class MigrationsRunCommand extends MigrationCommand {
  async run(): Promise<void> {
    const applied = await withMigrationDataSource(this.config, (dataSource) =>
      dataSource.runMigrations({ transaction: 'each' }),
    );
    for (const migration of applied) console.log(`applied ${migration.name}`);
    console.log(`${applied.length} migration(s) applied`);
  }
}

@Command({ name: 'migrations:revert', description: 'Undo the most recently applied migration' })
export class MigrationsRevertCommand extends MigrationCommand {
  async run(): Promise<void> {
    const reverted = await withMigrationDataSource(this.config, async (dataSource) => {
      const before = (await applied(dataSource)).length;
      await dataSource.undoLastMigration({ transaction: 'each' });
      return before - (await applied(dataSource)).length;
    });
    console.log(reverted ? 'Reverted the last migration' : 'No migration to revert');
  }
}

@Command({
  name: 'migrations:show',
  description: 'List the migrations, applied [X] or pending [ ]; exits 3 when some are pending',
})
export class MigrationsShowCommand extends MigrationCommand {
  async run(): Promise<void> {
    const pending = await withMigrationDataSource(this.config, async (dataSource) => {
      const done = new Set((await applied(dataSource)).map((migration) => migration.name));
      let count = 0;
      for (const migration of dataSource.migrations) {
        const isDone = done.has(migration.name ?? migration.constructor.name);
        if (!isDone) count++;
        console.log(`[${isDone ? 'X' : ' '}] ${migration.name ?? migration.constructor.name}`);
      }
      return count;
    });
    if (pending > 0) process.exitCode = 3;
  }
}
