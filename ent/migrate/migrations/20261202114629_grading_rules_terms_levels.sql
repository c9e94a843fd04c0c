-- Modify "accounts" table
ALTER TABLE "accounts" ADD COLUMN "current_level" character varying NULL;
-- Create index "account_current_class_current_level" to table: "accounts"
CREATE INDEX "account_current_class_current_level" ON "accounts" ("current_class", "current_level");
-- Modify "class_policies" table
ALTER TABLE "class_policies" ADD COLUMN "credit_limit_minor" bigint NULL, ADD COLUMN "payment_terms_days" bigint NULL, ADD COLUMN "price_coefficient" numeric(6,4) NULL, ADD COLUMN "hotline_answer_percent" bigint NULL, ADD COLUMN "hotline_answer_seconds" bigint NULL, ADD COLUMN "callback_within_hours" bigint NULL, ADD COLUMN "queue_priority" character varying NOT NULL DEFAULT 'STANDARD', ADD COLUMN "level_entitlements" jsonb NULL;
