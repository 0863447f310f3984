import { CommandFactory } from 'nest-commander';
import { explainDatabaseProblem } from './common/database/database-problem';
import { createAppLogger } from './common/logging/app-logger';
import { AppNestLogger } from './common/logging/app-nest-logger';
import { logFormatOf, logStream } from './common/logging/log-format';
import { loadAppConfig } from './config/app.config';
import { exitAfterCommandLine } from './tools/cli/cli-command';
import { CliModule } from './tools/cli/cli.module';

const printError = (error: unknown) =>
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);

async function main(): Promise<void> {
  const loaded = loadAppConfig();
  // Migrations are applied by migrations:run only, never as a side effect of another command.
  const config = { ...loaded, database: { ...loaded.database, migrate: false } };
  // Logs go to standard error: standard output is the command's answer.
  const logger = createAppLogger(
    process.env.LOG_LEVEL || 'warn',
    logStream(logFormatOf(process.env, 2), 2),
  );
  const app = await CommandFactory.createWithoutRunning(
    CliModule.forRoot(config, logger) as never,
    {
      logger: false,
      abortOnError: false,
      cliName: 'scopegate',
      errorHandler: exitAfterCommandLine as (error: Error) => never,
      serviceErrorHandler: (error: Error) => {
        printError(explainDatabaseProblem(error, config.database) ?? error);
        process.exitCode = 1;
      },
    },
  );
  app.useLogger(app.get(AppNestLogger));
  try {
    await CommandFactory.runApplication(app);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  printError(error);
  process.exit(1);
});
