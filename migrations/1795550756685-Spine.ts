import { MigrationInterface, QueryRunner } from 'typeorm';

export class Spine1795550756685 implements MigrationInterface {
  name = 'Spine1795550756685';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_kind" character varying(16) NOT NULL, "action" character varying(100) NOT NULL, "entity_type" character varying(50) NOT NULL, "entity_id" character varying(100) NOT NULL, "before" jsonb, "after" jsonb, "request_id" character varying(64), "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_log_occurred_at_idx" ON "audit_log"  ("occurred_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_log_actor_idx" ON "audit_log"  ("actor_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_log_entity_idx" ON "audit_log"  ("entity_type", "entity_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "staff" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "password_hash" character varying(200) NOT NULL, "display_name" character varying(100) NOT NULL, "roles" text array NOT NULL, "skills" text array NOT NULL DEFAULT '{}', "capacity" integer NOT NULL DEFAULT '20', "active" boolean NOT NULL DEFAULT true, "token_version" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "staff_capacity_range" CHECK (capacity BETWEEN 0 AND 1000), CONSTRAINT "staff_roles_known" CHECK (roles <@ ARRAY['agent','supervisor','finance','admin']::text[] AND cardinality(roles) > 0), CONSTRAINT "PK_e4ee98bb552756c180aec1e854a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "staff_email_key" ON "staff"  ("email") `);

    // Append-only guard, shared by every table whose rows are history (audit, ledger).
    await queryRunner.query(`
            CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
    );

    // The hash of one audit record: SHA-256 over every column and the previous record's hash.
    // The timestamp enters as epoch microseconds so the result does not depend on TimeZone.
    await queryRunner.query(`
            CREATE FUNCTION audit_row_hash(p_id bigint, p_occurred_at timestamptz, p_actor_id uuid, p_actor_kind text,
                                           p_action text, p_entity_type text, p_entity_id text, p_before jsonb,
                                           p_after jsonb, p_request_id text, p_prev_hash text)
            RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT encode(sha256(convert_to(jsonb_build_array(
                    p_id::text, (extract(epoch FROM p_occurred_at) * 1000000)::bigint::text, p_actor_id::text,
                    p_actor_kind, p_action, p_entity_type, p_entity_id, p_before, p_after, p_request_id, p_prev_hash
                )::text, 'UTF8')), 'hex')
            $$`);

    // The chain head: one row holding the last id and hash. Locking it serialises appends only;
    // the lock is held from the append to the end of the caller's transaction.
    await queryRunner.query(`
            CREATE TABLE audit_chain_head (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                last_id bigint NOT NULL,
                last_hash char(64) NOT NULL
            )`);
    await queryRunner.query(
      `INSERT INTO audit_chain_head (last_id, last_hash) VALUES (0, repeat('0', 64))`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );

    await queryRunner.query(`
            CREATE FUNCTION audit_append(p_actor_id uuid, p_actor_kind text, p_action text, p_entity_type text,
                                         p_entity_id text, p_before jsonb, p_after jsonb, p_request_id text)
            RETURNS bigint LANGUAGE plpgsql AS $$
            DECLARE
                v_id bigint;
                v_prev text;
                v_hash text;
                v_at timestamptz := now();
            BEGIN
                SELECT last_id + 1, last_hash INTO v_id, v_prev FROM audit_chain_head FOR UPDATE;
                v_hash := audit_row_hash(v_id, v_at, p_actor_id, p_actor_kind, p_action, p_entity_type, p_entity_id,
                                         p_before, p_after, p_request_id, v_prev);
                INSERT INTO audit_log (id, occurred_at, actor_id, actor_kind, action, entity_type, entity_id,
                                       before, after, request_id, prev_hash, hash)
                VALUES (v_id, v_at, p_actor_id, p_actor_kind, p_action, p_entity_type, p_entity_id,
                        p_before, p_after, p_request_id, v_prev, v_hash);
                UPDATE audit_chain_head SET last_id = v_id, last_hash = v_hash;
                RETURN v_id;
            END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION audit_append(uuid, text, text, text, text, jsonb, jsonb, text)`,
    );
    await queryRunner.query(`DROP TABLE audit_chain_head`);
    await queryRunner.query(
      `DROP FUNCTION audit_row_hash(bigint, timestamptz, uuid, text, text, text, text, jsonb, jsonb, text, text)`,
    );
    await queryRunner.query(`DROP INDEX "public"."staff_email_key"`);
    await queryRunner.query(`DROP TABLE "staff"`);
    await queryRunner.query(`DROP INDEX "public"."audit_log_entity_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_log_actor_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_log_occurred_at_idx"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP FUNCTION refuse_change()`);
  }
}
