import { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginAttempts1796140400000 implements MigrationInterface {
  name = 'LoginAttempts1796140400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_attempts" ("pairHash" varchar(64) PRIMARY KEY NOT NULL, "attempts" integer NOT NULL, "windowEndsAt" bigint NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_attempts"`);
  }
}
