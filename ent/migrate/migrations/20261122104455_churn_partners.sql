-- Modify "notifications" table
ALTER TABLE "notifications" ADD COLUMN "attempts" bigint NOT NULL DEFAULT 0, ADD COLUMN "next_attempt_at" timestamptz NULL, ADD COLUMN "last_error" text NULL, ADD COLUMN "failed_at" timestamptz NULL;
-- Create index "notification_outbox" to table: "notifications"
CREATE INDEX "notification_outbox" ON "notifications" ("channel", "next_attempt_at") WHERE ((sent_at IS NULL) AND (failed_at IS NULL));
-- Modify "partner_profiles" table
ALTER TABLE "partner_profiles" ADD COLUMN "regions_covered" jsonb NULL, ADD COLUMN "custom_values" jsonb NULL, ADD COLUMN "tier_since" date NULL, ADD COLUMN "probation_started_on" date NULL, ADD COLUMN "parent_id" bigint NULL, ADD CONSTRAINT "partner_profiles_partner_profiles_sub_partners" FOREIGN KEY ("parent_id") REFERENCES "partner_profiles" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
-- Create index "partnerprofile_parent_id" to table: "partner_profiles"
CREATE INDEX "partnerprofile_parent_id" ON "partner_profiles" ("parent_id");
-- Drop index "tierrequirement_tier_id_criterion" from table: "tier_requirements"
DROP INDEX "tierrequirement_tier_id_criterion";
-- Modify "tier_requirements" table
ALTER TABLE "tier_requirements" ADD COLUMN "custom_code" character varying NULL, ADD COLUMN "label" character varying NULL, ADD COLUMN "evidence_required" boolean NOT NULL DEFAULT false;
-- Create index "tierrequirement_tier_id_criterion_custom_code" to table: "tier_requirements"
CREATE UNIQUE INDEX "tierrequirement_tier_id_criterion_custom_code" ON "tier_requirements" ("tier_id", "criterion", "custom_code");
-- Modify "users" table
ALTER TABLE "users" ADD COLUMN "manager_id" bigint NULL, ADD CONSTRAINT "users_users_reports" FOREIGN KEY ("manager_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
-- Modify "churn_alerts" table
ALTER TABLE "churn_alerts" ADD COLUMN "outcome" character varying NULL, ADD COLUMN "account_class" character varying NULL, ADD COLUMN "escalation_level" bigint NOT NULL DEFAULT 0, ADD COLUMN "win_back_started_at" timestamptz NULL, ADD COLUMN "resolved_by_id" bigint NULL, ADD COLUMN "acknowledged_by_id" bigint NULL, ADD COLUMN "win_back_plan_id" bigint NULL, ADD CONSTRAINT "churn_alerts_account_plans_win_back_plan" FOREIGN KEY ("win_back_plan_id") REFERENCES "account_plans" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, ADD CONSTRAINT "churn_alerts_users_acknowledged_by" FOREIGN KEY ("acknowledged_by_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, ADD CONSTRAINT "churn_alerts_users_resolved_by" FOREIGN KEY ("resolved_by_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
-- Create index "churnalert_severity_status" to table: "churn_alerts"
CREATE INDEX "churnalert_severity_status" ON "churn_alerts" ("severity", "status");
-- Modify "tier_evaluations" table
ALTER TABLE "tier_evaluations" ADD COLUMN "kind" character varying NOT NULL DEFAULT 'MANUAL', ADD COLUMN "proposal" character varying NULL, ADD COLUMN "run_key" character varying NULL, ADD COLUMN "requires_executive_approval" boolean NOT NULL DEFAULT false, ADD COLUMN "decided_at" timestamptz NULL, ADD COLUMN "decided_by_id" bigint NULL, ADD CONSTRAINT "tier_evaluations_users_decided_by" FOREIGN KEY ("decided_by_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
-- Create index "tierevaluation_one_per_run" to table: "tier_evaluations"
CREATE UNIQUE INDEX "tierevaluation_one_per_run" ON "tier_evaluations" ("partner_profile_id", "run_key") WHERE ((run_key IS NOT NULL) AND ((run_key)::text <> ''::text));
-- Create index "tierevaluation_status" to table: "tier_evaluations"
CREATE INDEX "tierevaluation_status" ON "tier_evaluations" ("status");
