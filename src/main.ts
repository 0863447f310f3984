import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig, appConfig } from './config/app.config';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const { port, host } = app.get<AppConfig>(appConfig.KEY);
  await app.listen(port, host);
  Logger.log(`scopegate listens on ${await app.getUrl()}; Swagger UI at /docs`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // A bad configuration names the variable; a stack trace would only hide that.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
