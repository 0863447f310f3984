import './heap-tuning';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { createAppLogger } from './common/logging/app-logger';
import { logFormatOf, logStream } from './common/logging/log-format';
import { startupSummary } from './common/logging/startup-summary';
import { AppConfig, appConfig } from './config/app.config';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const config = app.get<AppConfig>(appConfig.KEY);
  const { port, host, shutdown } = config;
  await app.listen(port, host);
  const logger = new Logger('Bootstrap');
  logger.log(startupSummary(config, host, port));

  /**
   * Graceful shutdown: readiness turns 503 and the server drains, stops accepting connections,
   * finishes the requests in flight, then closes the database and Redis. Past the grace period it
   * gives up with exit code 1.
   */
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: shutting down within ${shutdown.graceSeconds} s`);
    setTimeout(() => {
      logger.error('Grace period over with work still open; exiting');
      process.exit(1);
    }, shutdown.graceSeconds * 1000).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: a second signal during the drain must not take Node's default (exit at once).
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

bootstrap().catch((error: unknown) => {
  // One line in the format the collector expects: a stack trace would only hide the cause.
  const logger = createAppLogger('info', logStream(logFormatOf(process.env)));
  logger.fatal(`scopegate cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
