import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_CANNED_RESPONSES } from '../libs/tickets/src/default-canned-responses.js';
import { DEFAULT_SLA_TARGETS } from '../libs/tickets/src/sla.policy.js';

export class Tickets1795600198176 implements MigrationInterface {
  name = 'Tickets1795600198176';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "canned_responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" character varying(50) NOT NULL, "locale" character varying(2) NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1df87c74d99c463b1c7fb30dc14" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "canned_responses_key_locale_key" ON "canned_responses"  ("key", "locale") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" BIGSERIAL NOT NULL, "staff_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "title" character varying(200) NOT NULL, "ticket_id" uuid, "data" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_unread_idx" ON "notifications"  ("staff_id", "kind") WHERE read_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_staff_idx" ON "notifications"  ("staff_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "queues" ("key" character varying(50) NOT NULL, "name" character varying(100) NOT NULL, "categories" text array NOT NULL DEFAULT '{}', "priorities" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e57756c7f7e3699cee0490c23db" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "rosters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid NOT NULL, "queue_keys" text array NOT NULL, "time_zone" character varying(64) NOT NULL, "slots" jsonb NOT NULL, "from_date" date, "until_date" date, "materialized_until" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e1a50137614e6fe5a030145dadf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "rosters_staff_idx" ON "rosters"  ("staff_id") `);
    await queryRunner.query(
      `CREATE TABLE "shifts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid NOT NULL, "queue_keys" text array NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "roster_id" uuid, "start_handled_at" TIMESTAMP WITH TIME ZONE, "end_handled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_84d692e367e4d6cdf045828768c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "shifts_end_pending_idx" ON "shifts"  ("ends_at") WHERE end_handled_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "shifts_start_pending_idx" ON "shifts"  ("starts_at") WHERE start_handled_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "shifts_roster_starts_key" ON "shifts"  ("roster_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "shifts_window_idx" ON "shifts"  ("starts_at", "ends_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "shifts_staff_starts_idx" ON "shifts"  ("staff_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sla_policies" ("priority" character varying(2) NOT NULL, "first_response_seconds" integer NOT NULL, "resolution_seconds" integer NOT NULL, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8287eac5c54cc675dc1ae300b9e" PRIMARY KEY ("priority"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "tickets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "complaint_id" uuid NOT NULL, "queue_key" character varying(50) NOT NULL, "status" character varying(16) NOT NULL, "priority" character varying(2) NOT NULL, "category" character varying(32) NOT NULL, "assignee_id" uuid, "assigned_at" TIMESTAMP WITH TIME ZONE, "sla_first_response_seconds" integer NOT NULL, "sla_resolution_seconds" integer NOT NULL, "first_response_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolution_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "first_responded_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "paused_at" TIMESTAMP WITH TIME ZONE, "first_response_warned_at" TIMESTAMP WITH TIME ZONE, "first_response_breached_at" TIMESTAMP WITH TIME ZONE, "resolution_warned_at" TIMESTAMP WITH TIME ZONE, "resolution_breached_at" TIMESTAMP WITH TIME ZONE, "breached" boolean NOT NULL DEFAULT false, "sla_next_at" TIMESTAMP WITH TIME ZONE, "escalation_level" integer NOT NULL DEFAULT '0', "reopen_count" integer NOT NULL DEFAULT '0', "satisfaction_rating" smallint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_343bc942ae261cf7a1377f48fd0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_waiting_idx" ON "tickets"  ("queue_key", "priority", "created_at") WHERE assignee_id IS NULL AND status IN ('new', 'assigned', 'in_progress', 'awaiting_user')`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_sla_next_idx" ON "tickets"  ("sla_next_at") WHERE sla_next_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_breached_created_idx" ON "tickets"  ("created_at") WHERE breached`,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_priority_created_idx" ON "tickets"  ("priority", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_assignee_status_created_idx" ON "tickets"  ("assignee_id", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_status_created_idx" ON "tickets"  ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_queue_status_created_idx" ON "tickets"  ("queue_key", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tickets_created_idx" ON "tickets"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "tickets_complaint_key" ON "tickets"  ("complaint_id") `,
    );
    await queryRunner.query(`ALTER TABLE "outbox" ADD "run_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "outbox" ADD "job_key" character varying(200)`);

    // A fresh install: one queue that takes everything, the default SLA targets, reply templates.
    await queryRunner.query(`INSERT INTO "queues" (key, name) VALUES ('general', 'General')`);
    for (const [priority, t] of Object.entries(DEFAULT_SLA_TARGETS)) {
      await queryRunner.query(
        `INSERT INTO "sla_policies" (priority, first_response_seconds, resolution_seconds) VALUES ($1, $2, $3)`,
        [priority, t.firstResponseSeconds, t.resolutionSeconds],
      );
    }
    for (const c of DEFAULT_CANNED_RESPONSES) {
      await queryRunner.query(
        `INSERT INTO "canned_responses" (key, locale, title, body) VALUES ($1, $2, $3, $4)`,
        [c.key, c.locale, c.title, c.body],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "job_key"`);
    await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "run_at"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_complaint_key"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_queue_status_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_status_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_assignee_status_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_priority_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_breached_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_sla_next_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tickets_waiting_idx"`);
    await queryRunner.query(`DROP TABLE "tickets"`);
    await queryRunner.query(`DROP TABLE "sla_policies"`);
    await queryRunner.query(`DROP INDEX "public"."shifts_staff_starts_idx"`);
    await queryRunner.query(`DROP INDEX "public"."shifts_window_idx"`);
    await queryRunner.query(`DROP INDEX "public"."shifts_roster_starts_key"`);
    await queryRunner.query(`DROP INDEX "public"."shifts_start_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."shifts_end_pending_idx"`);
    await queryRunner.query(`DROP TABLE "shifts"`);
    await queryRunner.query(`DROP INDEX "public"."rosters_staff_idx"`);
    await queryRunner.query(`DROP TABLE "rosters"`);
    await queryRunner.query(`DROP TABLE "queues"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_staff_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_unread_idx"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."canned_responses_key_locale_key"`);
    await queryRunner.query(`DROP TABLE "canned_responses"`);
  }
}
