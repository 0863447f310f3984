import { MigrationInterface, QueryRunner } from 'typeorm';

export class RevokedAccessTokens1796144500000 implements MigrationInterface {
  name = 'RevokedAccessTokens1796144500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "revoked_access_tokens" ("id" character varying(64) NOT NULL, "expiresAt" bigint NOT NULL, CONSTRAINT "PK_fdfdf6d8b236720e3d950f9e34f" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "revoked_access_tokens"`);
  }
}
