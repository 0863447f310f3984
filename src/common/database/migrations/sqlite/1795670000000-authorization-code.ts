import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthorizationCode1795670000000 implements MigrationInterface {
  name = 'AuthorizationCode1795670000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "authorization_codes" ("id" varchar PRIMARY KEY NOT NULL, "codeHash" varchar(64) NOT NULL, "clientId" varchar(128) NOT NULL, "redirectUri" varchar(2048) NOT NULL, "userId" varchar NOT NULL, "tokenVersion" integer NOT NULL, "scope" varchar(1024) NOT NULL, "codeChallenge" varchar(128) NOT NULL, "expiresAt" bigint NOT NULL, "usedAt" bigint, "familyId" varchar, "createdAt" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_authorization_codes_hash" ON "authorization_codes" ("codeHash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "temporary_clients" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "scope" varchar(1024) NOT NULL, "secretHash" varchar(64), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "isPublic" boolean NOT NULL DEFAULT (0), "redirectUris" text NOT NULL DEFAULT ('[]'))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_clients"("id", "name", "scope", "secretHash", "createdAt", "updatedAt") SELECT "id", "name", "scope", "secretHash", "createdAt", "updatedAt" FROM "clients"`,
    );
    await queryRunner.query(`DROP TABLE "clients"`);
    await queryRunner.query(`ALTER TABLE "temporary_clients" RENAME TO "clients"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clients" RENAME TO "temporary_clients"`);
    await queryRunner.query(
      `CREATE TABLE "clients" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "scope" varchar(1024) NOT NULL, "secretHash" varchar(64), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "clients"("id", "name", "scope", "secretHash", "createdAt", "updatedAt") SELECT "id", "name", "scope", "secretHash", "createdAt", "updatedAt" FROM "temporary_clients"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_clients"`);
    await queryRunner.query(`DROP INDEX "UQ_authorization_codes_hash"`);
    await queryRunner.query(`DROP TABLE "authorization_codes"`);
  }
}
