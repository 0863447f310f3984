import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795650000000 implements MigrationInterface {
  name = 'InitialSchema1795650000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "items" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "description" varchar(2000), "priceCents" integer NOT NULL, "stock" integer NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "deletedAt" datetime)`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" varchar PRIMARY KEY NOT NULL, "username" varchar(64) NOT NULL, "usernameKey" varchar(64) NOT NULL, "passwordHash" varchar(255) NOT NULL, "email" varchar(254), "fullName" varchar(200), "role" varchar(16) NOT NULL, "disabled" boolean NOT NULL DEFAULT (0), "tokenVersion" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "deletedAt" datetime)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_users_username_key" ON "users" ("usernameKey") `,
    );
    await queryRunner.query(
      `CREATE TABLE "orders" ("id" varchar PRIMARY KEY NOT NULL, "userId" varchar NOT NULL, "status" varchar(16) NOT NULL, "totalCents" bigint NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_151b79a83ba240b0cb31b2302d1" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_orders_user" ON "orders" ("userId") `);
    await queryRunner.query(
      `CREATE TABLE "order_lines" ("id" varchar PRIMARY KEY NOT NULL, "orderId" varchar NOT NULL, "position" integer NOT NULL, "itemId" varchar NOT NULL, "quantity" integer NOT NULL, "unitPriceCents" integer NOT NULL, CONSTRAINT "FK_307e8091afc1a959953d06d5ad1" FOREIGN KEY ("orderId") REFERENCES "orders" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_dcd5c1e535ca97bed2deb888164" FOREIGN KEY ("itemId") REFERENCES "items" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_order_lines_order" ON "order_lines" ("orderId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_order_lines_order"`);
    await queryRunner.query(`DROP TABLE "order_lines"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_user"`);
    await queryRunner.query(`DROP TABLE "orders"`);
    await queryRunner.query(`DROP INDEX "UQ_users_username_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "items"`);
  }
}
