import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_RULES } from '../libs/triage/src/default-rules.js';

export class Intake1795552014713 implements MigrationInterface {
  name = 'Intake1795552014713';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "queue" character varying(50) NOT NULL, "job_name" character varying(100) NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "dispatched_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_pending_idx" ON "outbox"  ("id") WHERE dispatched_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "complaints" ("id" uuid NOT NULL, "tracking_code" character varying(16) NOT NULL, "tracking_token_hash" character(64) NOT NULL, "platform_user_id" character varying(12) NOT NULL, "contact" character varying(254) NOT NULL, "title" character varying(200), "description" text NOT NULL, "locale" character varying(2), "occurred_at" TIMESTAMP WITH TIME ZONE, "user_category" character varying(32), "status" character varying(16) NOT NULL DEFAULT 'received', "category" character varying(32), "priority" character varying(2), "language" character varying(5), "triage" jsonb, "triaged_at" TIMESTAMP WITH TIME ZONE, "duplicate_of_id" uuid, "search_text" text NOT NULL, "satisfaction_rating" smallint, "satisfaction_comment" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4b7566a2a489c2cc7c12ed076ad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "complaints_category_created_idx" ON "complaints"  ("category", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "complaints_status_created_idx" ON "complaints"  ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "complaints_created_idx" ON "complaints"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "complaints_user_created_idx" ON "complaints"  ("platform_user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "complaints_tracking_code_key" ON "complaints"  ("tracking_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "complaint_messages" ("id" BIGSERIAL NOT NULL, "complaint_id" uuid NOT NULL, "author_kind" character varying(8) NOT NULL, "author_id" uuid, "visibility" character varying(8) NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_124369149771e8375e8b593bb20" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "complaint_messages_complaint_idx" ON "complaint_messages"  ("complaint_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "complaint_intake_keys" ("key" character varying(128) NOT NULL, "request_hash" character(64) NOT NULL, "complaint_id" uuid NOT NULL, "tracking_code" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e0d1502cd46acb07e01fb28a83e" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "triage_examples" ("id" BIGSERIAL NOT NULL, "text" text NOT NULL, "category" character varying(32) NOT NULL, "priority" character varying(2) NOT NULL, "complaint_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4a8d35e89632ac09eb7198da459" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "triage_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "category" character varying(32), "priority" character varying(2), "pattern" character varying(500) NOT NULL, "is_regex" boolean NOT NULL DEFAULT false, "weight" real NOT NULL, "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_59dac7daefa93c2aab2fe5b633b" PRIMARY KEY ("id"))`,
    );

    // Full-text search over segmented words; ComplaintRepository.list uses the same expression.
    await queryRunner.query(
      `CREATE INDEX "complaints_search_idx" ON "complaints" USING gin (to_tsvector('simple', search_text))`,
    );

    // Wakes the outbox relay at commit instead of waiting for its next poll.
    await queryRunner.query(`
            CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('desk_outbox', '');
                RETURN NULL;
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER outbox_notify AFTER INSERT ON "outbox" FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`,
    );

    // A fresh install starts with the shipped triage rules; supervisors edit them afterwards.
    for (const rule of DEFAULT_RULES) {
      await queryRunner.query(
        `INSERT INTO "triage_rules" (name, category, priority, pattern, is_regex, weight) VALUES ($1, $2, $3, $4, $5, $6)`,
        [rule.name, rule.category, rule.priority, rule.pattern, rule.isRegex, rule.weight],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER outbox_notify ON "outbox"`);
    await queryRunner.query(`DROP FUNCTION outbox_notify()`);
    await queryRunner.query(`DROP INDEX "public"."complaints_search_idx"`);
    await queryRunner.query(`DROP TABLE "triage_rules"`);
    await queryRunner.query(`DROP TABLE "triage_examples"`);
    await queryRunner.query(`DROP TABLE "complaint_intake_keys"`);
    await queryRunner.query(`DROP INDEX "public"."complaint_messages_complaint_idx"`);
    await queryRunner.query(`DROP TABLE "complaint_messages"`);
    await queryRunner.query(`DROP INDEX "public"."complaints_tracking_code_key"`);
    await queryRunner.query(`DROP INDEX "public"."complaints_user_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."complaints_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."complaints_status_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."complaints_category_created_idx"`);
    await queryRunner.query(`DROP TABLE "complaints"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_pending_idx"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
  }
}
