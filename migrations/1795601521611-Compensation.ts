import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_APPROVAL_POLICY } from '../libs/compensation/src/approval.policy.js';

export class Compensation1795601521611 implements MigrationInterface {
  name = 'Compensation1795601521611';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "approval_policies" ("version" integer NOT NULL, "policy" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_533feafc58efb67bce6ee6f56e2" PRIMARY KEY ("version"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "compensation_approvals" ("id" BIGSERIAL NOT NULL, "compensation_id" uuid NOT NULL, "approver_id" uuid NOT NULL, "roles" text array NOT NULL, "note" character varying(1000), "policy_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8bf5d492a3d26e26c7b94ffbb2e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "compensation_approvals_person_key" ON "compensation_approvals"  ("compensation_id", "approver_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "compensation_rules" ("id" uuid NOT NULL, "version" integer NOT NULL, "name" character varying(100) NOT NULL, "active" boolean NOT NULL, "conditions" jsonb NOT NULL, "outcome_member_days" bigint NOT NULL, "outcome_q_coins" bigint NOT NULL, "cap_member_days" bigint, "cap_q_coins" bigint, "is_current" boolean NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9546ab6204cbc249f7df6593750" PRIMARY KEY ("id", "version"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "compensation_rules_current_key" ON "compensation_rules"  ("id") WHERE is_current`,
    );
    await queryRunner.query(
      `CREATE TABLE "compensations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "complaint_id" uuid NOT NULL, "platform_user_id" character varying(12) NOT NULL, "category" character varying(32), "member_days" bigint NOT NULL, "q_coins" bigint NOT NULL, "reason" character varying(1000) NOT NULL, "source" character varying(16) NOT NULL, "rule_id" uuid, "rule_version" integer, "incident_id" uuid, "status" character varying(16) NOT NULL, "required_tier" character varying(8) NOT NULL, "policy_version" integer NOT NULL, "proposed_by" uuid, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "dedupe_key" character varying(200), "transfer_id" bigint, "posted_at" TIMESTAMP WITH TIME ZONE, "fulfilled_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "rejected_by" uuid, "reject_reason" character varying(1000), "fulfilment_attempts" integer NOT NULL DEFAULT '0', "last_error" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_127a27c148be0fa27f398dafb91" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "compensations_dedupe_key" ON "compensations"  ("dedupe_key") WHERE dedupe_key IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "compensations_pending_expiry_idx" ON "compensations"  ("expires_at") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "compensations_user_created_idx" ON "compensations"  ("platform_user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "compensations_complaint_idx" ON "compensations"  ("complaint_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "compensations_status_created_idx" ON "compensations"  ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ledger_accounts" ("id" BIGSERIAL NOT NULL, "key" character varying(100) NOT NULL, "owner_kind" character varying(16) NOT NULL, "owner_id" character varying(64) NOT NULL, "unit" character varying(16) NOT NULL, "balance" bigint NOT NULL DEFAULT '0', "version" bigint NOT NULL DEFAULT '0', "allow_negative" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ledger_accounts_not_negative" CHECK (allow_negative OR balance >= 0), CONSTRAINT "PK_62b34396dda564757cf123fff0e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ledger_accounts_owner_idx" ON "ledger_accounts"  ("owner_kind", "owner_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ledger_accounts_key" ON "ledger_accounts"  ("key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ledger_entries" ("id" BIGSERIAL NOT NULL, "transfer_id" bigint NOT NULL, "account_id" bigint NOT NULL, "unit" character varying(16) NOT NULL, "amount" bigint NOT NULL, "balance_after" bigint NOT NULL, "account_version" bigint NOT NULL, "effective_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6efcb84411d3f08b08450ae75d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ledger_entries_effective_idx" ON "ledger_entries"  ("effective_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ledger_entries_account_version_key" ON "ledger_entries"  ("account_id", "account_version") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ledger_entries_transfer_idx" ON "ledger_entries"  ("transfer_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ledger_periods" ("period" character(6) NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_by" uuid, CONSTRAINT "PK_ae3ead9276e2b788304103ff678" PRIMARY KEY ("period"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ledger_transfers" ("id" BIGSERIAL NOT NULL, "idempotency_key" character varying(200) NOT NULL, "request_hash" character(64) NOT NULL, "kind" character varying(20) NOT NULL, "reverses_id" bigint, "compensation_id" uuid, "incident_id" uuid, "rule_id" uuid, "rule_version" integer, "category" character varying(32), "platform_user_id" character varying(12), "memo" character varying(500), "effective_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0ff1f1a56cb76536e5ef5ad5809" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ledger_transfers_incident_idx" ON "ledger_transfers"  ("incident_id") WHERE incident_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ledger_transfers_compensation_idx" ON "ledger_transfers"  ("compensation_id") WHERE compensation_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ledger_transfers_effective_idx" ON "ledger_transfers"  ("effective_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ledger_transfers_reverses_key" ON "ledger_transfers"  ("reverses_id") WHERE reverses_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ledger_transfers_idempotency_key" ON "ledger_transfers"  ("idempotency_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "fulfilment_dead_letters" ("id" BIGSERIAL NOT NULL, "compensation_id" uuid NOT NULL, "attempts" integer NOT NULL, "error" character varying(1000) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b94ea8ee25026c39200afe50135" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "fulfilment_dead_letters_compensation_idx" ON "fulfilment_dead_letters"  ("compensation_id") `,
    );
    await queryRunner.query(`ALTER TABLE "complaints" ADD "incident_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "complaints_incident_idx" ON "complaints"  ("incident_id") WHERE incident_id IS NOT NULL`,
    );

    // The ledger is history: transfers and entries are never updated, deleted or truncated.
    for (const table of ['ledger_transfers', 'ledger_entries']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
      );
    }

    // Double entry, checked by the database. At commit (a deferred constraint trigger, once per
    // transfer): every transfer has entries, and they sum to zero per unit. At insert (once per
    // statement): entries only go to a transfer written in the same transaction, so a transfer
    // checked at its commit cannot be unbalanced later.
    await queryRunner.query(`
            CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                v_units int;
                v_unbalanced boolean;
            BEGIN
                SELECT count(*), coalesce(bool_or(total <> 0), false) INTO v_units, v_unbalanced
                  FROM (SELECT sum(amount) AS total FROM ledger_entries WHERE transfer_id = NEW.id GROUP BY unit) s;
                IF v_units = 0 THEN
                    RAISE EXCEPTION 'ledger transfer % has no entries', NEW.id USING ERRCODE = 'check_violation';
                END IF;
                IF v_unbalanced THEN
                    RAISE EXCEPTION 'ledger transfer % does not balance', NEW.id USING ERRCODE = 'check_violation';
                END IF;
                RETURN NULL;
            END $$`);
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER ledger_transfers_balanced AFTER INSERT ON "ledger_transfers" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced()`,
    );
    // created_at defaults to now(), the start of the inserting transaction: a transfer written in
    // this transaction has created_at = now() (subtransactions included, unlike xmin).
    await queryRunner.query(`
            CREATE FUNCTION ledger_check_entries_transfer() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM new_entries n LEFT JOIN ledger_transfers t ON t.id = n.transfer_id
                            WHERE t.id IS NULL OR t.created_at <> now()) THEN
                    RAISE EXCEPTION 'ledger entries may only be written with their transfer'
                        USING ERRCODE = 'check_violation';
                END IF;
                RETURN NULL;
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER ledger_entries_with_transfer AFTER INSERT ON "ledger_entries" REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_entries_transfer()`,
    );

    // A closed month takes no more postings dated into it, whoever writes.
    await queryRunner.query(`
            CREATE FUNCTION ledger_check_period_open() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM ledger_periods
                            WHERE period = to_char(NEW.effective_at AT TIME ZONE 'UTC', 'YYYYMM')) THEN
                    RAISE EXCEPTION 'ledger period % is closed', to_char(NEW.effective_at AT TIME ZONE 'UTC', 'YYYYMM')
                        USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER ledger_transfers_period_open BEFORE INSERT ON "ledger_transfers" FOR EACH ROW EXECUTE FUNCTION ledger_check_period_open()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER ledger_periods_append_only BEFORE UPDATE OR DELETE ON "ledger_periods" FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );

    // Many audit records in one call under one lock of the chain head (ledger batches); the
    // records are exactly what audit_append would write one by one.
    await queryRunner.query(`
            CREATE FUNCTION audit_append_many(p_rows jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
            DECLARE
                v_id bigint;
                v_prev text;
                v_hash text;
                v_at timestamptz := now();
                r jsonb;
            BEGIN
                SELECT last_id, last_hash INTO v_id, v_prev FROM audit_chain_head FOR UPDATE;
                FOR r IN SELECT value FROM jsonb_array_elements(p_rows) WITH ORDINALITY ORDER BY ordinality LOOP
                    v_id := v_id + 1;
                    v_hash := audit_row_hash(v_id, v_at, (r->>'actor_id')::uuid, r->>'actor_kind', r->>'action',
                                             r->>'entity_type', r->>'entity_id', NULLIF(r->'before', 'null'::jsonb),
                                             NULLIF(r->'after', 'null'::jsonb), r->>'request_id', v_prev);
                    INSERT INTO audit_log (id, occurred_at, actor_id, actor_kind, action, entity_type, entity_id,
                                           before, after, request_id, prev_hash, hash)
                    VALUES (v_id, v_at, (r->>'actor_id')::uuid, r->>'actor_kind', r->>'action', r->>'entity_type',
                            r->>'entity_id', NULLIF(r->'before', 'null'::jsonb), NULLIF(r->'after', 'null'::jsonb),
                            r->>'request_id', v_prev, v_hash);
                    v_prev := v_hash;
                END LOOP;
                UPDATE audit_chain_head SET last_id = v_id, last_hash = v_prev;
                RETURN v_id;
            END $$`);

    // A fresh install: the default approval policy as version 1; no compensation rules.
    await queryRunner.query(`INSERT INTO "approval_policies" (version, policy) VALUES (1, $1)`, [
      JSON.stringify(DEFAULT_APPROVAL_POLICY),
    ]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION audit_append_many(jsonb)`);
    await queryRunner.query(`DROP TRIGGER ledger_transfers_period_open ON "ledger_transfers"`);
    await queryRunner.query(`DROP TRIGGER ledger_periods_append_only ON "ledger_periods"`);
    await queryRunner.query(`DROP TRIGGER ledger_transfers_balanced ON "ledger_transfers"`);
    await queryRunner.query(`DROP TRIGGER ledger_entries_with_transfer ON "ledger_entries"`);
    for (const table of ['ledger_transfers', 'ledger_entries']) {
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION ledger_check_period_open()`);
    await queryRunner.query(`DROP FUNCTION ledger_check_entries_transfer()`);
    await queryRunner.query(`DROP FUNCTION ledger_check_balanced()`);
    await queryRunner.query(`DROP INDEX "public"."complaints_incident_idx"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "incident_id"`);
    await queryRunner.query(`DROP INDEX "public"."fulfilment_dead_letters_compensation_idx"`);
    await queryRunner.query(`DROP TABLE "fulfilment_dead_letters"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_transfers_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_transfers_reverses_key"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_transfers_effective_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_transfers_compensation_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_transfers_incident_idx"`);
    await queryRunner.query(`DROP TABLE "ledger_transfers"`);
    await queryRunner.query(`DROP TABLE "ledger_periods"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_transfer_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_account_version_key"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_effective_idx"`);
    await queryRunner.query(`DROP TABLE "ledger_entries"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_accounts_key"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_accounts_owner_idx"`);
    await queryRunner.query(`DROP TABLE "ledger_accounts"`);
    await queryRunner.query(`DROP INDEX "public"."compensations_status_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."compensations_complaint_idx"`);
    await queryRunner.query(`DROP INDEX "public"."compensations_user_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."compensations_pending_expiry_idx"`);
    await queryRunner.query(`DROP INDEX "public"."compensations_dedupe_key"`);
    await queryRunner.query(`DROP TABLE "compensations"`);
    await queryRunner.query(`DROP INDEX "public"."compensation_rules_current_key"`);
    await queryRunner.query(`DROP TABLE "compensation_rules"`);
    await queryRunner.query(`DROP INDEX "public"."compensation_approvals_person_key"`);
    await queryRunner.query(`DROP TABLE "compensation_approvals"`);
    await queryRunner.query(`DROP TABLE "approval_policies"`);
  }
}
