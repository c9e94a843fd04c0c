-- Drop index "account_current_class" from table: "accounts"
DROP INDEX "account_current_class";
-- Drop index "account_lifecycle_stage" from table: "accounts"
DROP INDEX "account_lifecycle_stage";
-- Drop index "account_name" from table: "accounts"
DROP INDEX "account_name";
-- Create index "account_current_class_id" to table: "accounts"
CREATE INDEX "account_current_class_id" ON "accounts" ("current_class", "id");
-- Create index "account_lifecycle_stage_id" to table: "accounts"
CREATE INDEX "account_lifecycle_stage_id" ON "accounts" ("lifecycle_stage", "id");
-- Create index "account_name_id" to table: "accounts"
CREATE INDEX "account_name_id" ON "accounts" ("name", "id") INCLUDE ("archived");
-- Create index "account_region_id" to table: "accounts"
CREATE INDEX "account_region_id" ON "accounts" ("region", "id");
-- Create index "account_updated_at_id" to table: "accounts"
CREATE INDEX "account_updated_at_id" ON "accounts" ("updated_at", "id");
