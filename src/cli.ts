import { CommandFactory } from 'nest-commander';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import { createAppLogger } from './common/logging/app-logger';
import { loadAppConfig } from './config/app.config';
import { CliModule } from './tools/cli/cli.module';

/** Exit codes: 0 done, 1 the command failed, 2 the command line was wrong. */
const USAGE_ERROR = 2;

const printError = (error: unknown) =>
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);

async function main(): Promise<void> {
  const loaded = loadAppConfig();
  // Migrations are applied by migrations:run only, never as a side effect of another command.
  const config = { ...loaded, database: { ...loaded.database, migrate: false } };
  // Logs go to standard error: standard output is the command's answer.
  const logger = createAppLogger(process.env.LOG_LEVEL ?? 'warn', pino.destination(2));
  const app = await CommandFactory.createWithoutRunning(
    CliModule.forRoot(config, logger) as never,
    {
      logger: false,
      abortOnError: false,
      cliName: 'scopegate',
      errorHandler: (error: Error & { code?: string }) => {
        const answered =
          error.code === 'commander.helpDisplayed' || error.code === 'commander.help';
        process.exit(answered ? 0 : USAGE_ERROR);
      },
      serviceErrorHandler: (error: Error) => {
        printError(error);
        process.exitCode = 1;
      },
    },
  );
  app.useLogger(app.get(Logger));
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
