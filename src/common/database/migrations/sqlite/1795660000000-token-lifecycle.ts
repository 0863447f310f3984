import { MigrationInterface, QueryRunner } from 'typeorm';

export class TokenLifecycle1795660000000 implements MigrationInterface {
  name = 'TokenLifecycle1795660000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" varchar PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "familyId" varchar NOT NULL, "userId" varchar NOT NULL, "clientId" varchar(128) NOT NULL, "scope" varchar(1024) NOT NULL, "tokenVersion" integer NOT NULL, "accessTokenId" varchar(64) NOT NULL, "accessTokenExpiresAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, "usedAt" bigint, "revokedAt" bigint, "createdAt" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_refresh_tokens_hash" ON "refresh_tokens" ("tokenHash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_refresh_tokens_family" ON "refresh_tokens" ("familyId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "clients" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "scope" varchar(1024) NOT NULL, "secretHash" varchar(64), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "clients"`);
    await queryRunner.query(`DROP INDEX "IDX_refresh_tokens_family"`);
    await queryRunner.query(`DROP INDEX "UQ_refresh_tokens_hash"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
  }
}
