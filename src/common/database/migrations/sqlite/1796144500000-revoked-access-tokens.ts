import { MigrationInterface, QueryRunner } from 'typeorm';

export class RevokedAccessTokens1796144500000 implements MigrationInterface {
  name = 'RevokedAccessTokens1796144500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "revoked_access_tokens" ("id" varchar(64) PRIMARY KEY NOT NULL, "expiresAt" bigint NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "revoked_access_tokens"`);
  }
}
