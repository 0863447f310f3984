import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, appConfig } from '../config/app.config';
import { UsersService } from './users.service';

/**
 * The server's start (not the CLI's): creates the ADMIN_USERNAME account once, or says how to make
 * a first account when there is none.
 */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly users: UsersService,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { admin } = this.config;
    if (admin) return this.users.ensureAdmin(admin.username, admin.password);
    if ((await this.users.list({ limit: 1, count: false })).data.length > 0) return;
    this.logger.warn(
      'No user account exists yet: create an admin with ' +
        '`npm run cli -- users:create NAME --role admin` (in the image: ' +
        '`node dist/cli.js users:create NAME --role admin`), or set ADMIN_USERNAME and ADMIN_PASSWORD',
    );
  }
}
