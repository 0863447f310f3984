import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthorizationCode1795670000000 implements MigrationInterface {
  name = 'AuthorizationCode1795670000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "authorization_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "codeHash" character varying(64) NOT NULL, "clientId" character varying(128) NOT NULL, "redirectUri" character varying(2048) NOT NULL, "userId" uuid NOT NULL, "tokenVersion" integer NOT NULL, "scope" character varying(1024) NOT NULL, "codeChallenge" character varying(128) NOT NULL, "expiresAt" bigint NOT NULL, "usedAt" bigint, "familyId" uuid, "createdAt" bigint NOT NULL, CONSTRAINT "PK_f05b2eb99ad2db12d87544656c4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_authorization_codes_hash" ON "authorization_codes"  ("codeHash") `,
    );
    await queryRunner.query(`ALTER TABLE "clients" ADD "isPublic" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "clients" ADD "redirectUris" text NOT NULL DEFAULT '[]'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clients" DROP COLUMN "redirectUris"`);
    await queryRunner.query(`ALTER TABLE "clients" DROP COLUMN "isPublic"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_authorization_codes_hash"`);
    await queryRunner.query(`DROP TABLE "authorization_codes"`);
  }
}
