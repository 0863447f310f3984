import { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginAttempts1796140400000 implements MigrationInterface {
  name = 'LoginAttempts1796140400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_attempts" ("pairHash" character varying(64) NOT NULL, "attempts" integer NOT NULL, "windowEndsAt" bigint NOT NULL, CONSTRAINT "PK_74ea07a384df50bc8f91c900363" PRIMARY KEY ("pairHash"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_attempts"`);
  }
}
