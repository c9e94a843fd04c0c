-- Create index "account_code_trgm" to table: "accounts"
CREATE INDEX "account_code_trgm" ON "accounts" USING gin ("code" gin_trgm_ops);
-- Create index "account_name_en_trgm" to table: "accounts"
CREATE INDEX "account_name_en_trgm" ON "accounts" USING gin ("name_en" gin_trgm_ops);
-- Create index "account_name_trgm" to table: "accounts"
CREATE INDEX "account_name_trgm" ON "accounts" USING gin ("name" gin_trgm_ops);
-- Create index "classassignment_one_pending" to table: "class_assignments"
CREATE UNIQUE INDEX "classassignment_one_pending" ON "class_assignments" ("account_id") WHERE ((approval_status)::text = 'PENDING'::text);
-- Create index "classassignment_review_cycle_id_account_id" to table: "class_assignments"
CREATE UNIQUE INDEX "classassignment_review_cycle_id_account_id" ON "class_assignments" ("review_cycle_id", "account_id");
-- Modify "review_cycles" table
ALTER TABLE "review_cycles" ADD COLUMN "total_accounts" bigint NOT NULL DEFAULT 0;
