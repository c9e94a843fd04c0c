-- Modify "service_tokens" table
ALTER TABLE "service_tokens" ADD COLUMN "region" character varying NULL;
