CREATE TABLE "conversation_counters" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"last_number" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" DROP CONSTRAINT "conversations_number_unique";--> statement-breakpoint
ALTER TABLE "conversations" ALTER COLUMN "number" DROP IDENTITY;--> statement-breakpoint
-- Hand-written: number existing conversations 1, 2, 3 … per organization (in their old order) and start each organization's counter after its last one.
UPDATE "conversations" AS c SET "number" = r.n FROM (SELECT "id", row_number() OVER (PARTITION BY "organization_id" ORDER BY "number") AS n FROM "conversations") AS r WHERE c."id" = r."id";--> statement-breakpoint
INSERT INTO "conversation_counters" ("organization_id", "last_number") SELECT "organization_id", max("number") FROM "conversations" GROUP BY "organization_id";--> statement-breakpoint
ALTER TABLE "conversation_counters" ADD CONSTRAINT "conversation_counters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_anonymous_age_idx" ON "contacts" USING btree ("created_at") WHERE "contacts"."name" is null and "contacts"."email" is null and "contacts"."phone" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_org_number_uq" ON "conversations" USING btree ("organization_id","number");