import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes in each list's order (so a page is read from an index, not a sort of the table) and on
 * each token table's expiry (so the purge finds expired rows without a scan).
 */
export class ListAndExpiryIndexes1796200000000 implements MigrationInterface {
  name = 'ListAndExpiryIndexes1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_orders_user"`);
    await queryRunner.query(`CREATE INDEX "IDX_items_created" ON "items" ("createdAt", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_users_created" ON "users" ("createdAt", "id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_orders_user_created" ON "orders" ("userId", "createdAt", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_orders_created" ON "orders" ("createdAt", "id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_refresh_tokens_expires" ON "refresh_tokens" ("expiresAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_authorization_codes_expires" ON "authorization_codes" ("expiresAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_revoked_access_tokens_expires" ON "revoked_access_tokens" ("expiresAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_login_attempts_window_ends" ON "login_attempts" ("windowEndsAt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_login_attempts_window_ends"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_revoked_access_tokens_expires"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_authorization_codes_expires"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_refresh_tokens_expires"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_orders_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_orders_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_users_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_items_created"`);
    await queryRunner.query(`CREATE INDEX "IDX_orders_user" ON "orders" ("userId") `);
  }
}
