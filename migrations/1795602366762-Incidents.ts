import { MigrationInterface, QueryRunner } from 'typeorm';

export class Incidents1795602366762 implements MigrationInterface {
  name = 'Incidents1795602366762';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "incident_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "incident_id" uuid NOT NULL, "member_days" bigint NOT NULL, "q_coins" bigint NOT NULL, "budget_member_days" bigint, "budget_q_coins" bigint, "status" character varying(16) NOT NULL, "proposed_by" uuid NOT NULL, "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fd0f42f485139061974d11e01ae" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "incident_plans_running_idx" ON "incident_plans"  ("updated_at") WHERE status = 'running'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "incident_plans_incident_key" ON "incident_plans"  ("incident_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "incident_plan_grants" ("plan_id" uuid NOT NULL, "platform_user_id" character varying(12) NOT NULL, "status" character varying(16) NOT NULL, "transfer_id" bigint, "error" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d4ce054c6314a86a55c26ff901f" PRIMARY KEY ("plan_id", "platform_user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "incident_reviews" ("incident_id" uuid NOT NULL, "cause" text NOT NULL, "actions" text NOT NULL, "lessons" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8f8c1007b520ec96399fddd613d" PRIMARY KEY ("incident_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "incident_statements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "incident_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "locale" character varying(2) NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "template_key" character varying(50), "published_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e86291c46c62bb9be5d9800a6ce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "incident_statements_incident_idx" ON "incident_statements"  ("incident_id", "published_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "incidents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(200) NOT NULL, "category" character varying(32) NOT NULL, "status" character varying(16) NOT NULL, "severity" character varying(4) NOT NULL, "source" character varying(16) NOT NULL, "terms" text array NOT NULL DEFAULT '{}', "detection" jsonb, "merged_into_id" uuid, "created_by" uuid, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ccb34c01719889017e2246469f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "incidents_opened_idx" ON "incidents"  ("opened_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "incidents_open_category_key" ON "incidents"  ("category") WHERE status IN ('detected', 'confirmed', 'mitigating')`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaint_messages" ADD "dedupe_key" character varying(120)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "complaint_messages_dedupe_key" ON "complaint_messages"  ("dedupe_key") WHERE dedupe_key IS NOT NULL`,
    );

    // A published statement is never changed: a correction is a new statement.
    await queryRunner.query(
      `CREATE TRIGGER incident_statements_immutable BEFORE UPDATE OR DELETE ON "incident_statements" FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER incident_statements_immutable ON "incident_statements"`);
    await queryRunner.query(`DROP INDEX "public"."complaint_messages_dedupe_key"`);
    await queryRunner.query(`ALTER TABLE "complaint_messages" DROP COLUMN "dedupe_key"`);
    await queryRunner.query(`DROP INDEX "public"."incidents_open_category_key"`);
    await queryRunner.query(`DROP INDEX "public"."incidents_opened_idx"`);
    await queryRunner.query(`DROP TABLE "incidents"`);
    await queryRunner.query(`DROP INDEX "public"."incident_statements_incident_idx"`);
    await queryRunner.query(`DROP TABLE "incident_statements"`);
    await queryRunner.query(`DROP TABLE "incident_reviews"`);
    await queryRunner.query(`DROP TABLE "incident_plan_grants"`);
    await queryRunner.query(`DROP INDEX "public"."incident_plans_incident_key"`);
    await queryRunner.query(`DROP INDEX "public"."incident_plans_running_idx"`);
    await queryRunner.query(`DROP TABLE "incident_plans"`);
  }
}
