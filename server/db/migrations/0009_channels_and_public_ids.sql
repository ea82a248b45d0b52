CREATE TABLE "user_access_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "user_access_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "public_id_counters" (
	"organization_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "public_id_counters_organization_id_entity_pk" PRIMARY KEY("organization_id","entity")
);
--> statement-breakpoint
CREATE TABLE "external_references" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"dialect" text NOT NULL,
	"kind" text NOT NULL,
	"scope" text DEFAULT '' NOT NULL,
	"value" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "public_id" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "widgets" ADD COLUMN "public_id" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "widgets" ADD COLUMN "channel_type" text DEFAULT 'web_widget' NOT NULL;--> statement-breakpoint
ALTER TABLE "widgets" ADD COLUMN "channel_identifier" text;--> statement-breakpoint
ALTER TABLE "widgets" ADD COLUMN "channel_settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "public_id" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "user_access_tokens" ADD CONSTRAINT "user_access_tokens_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_access_tokens" ADD CONSTRAINT "user_access_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_id_counters" ADD CONSTRAINT "public_id_counters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_references" ADD CONSTRAINT "external_references_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written: number existing users, widgets and contacts 1, 2, 3 … per organization in creation order, start each counter after them, and let a trigger assign the ids of new rows (public_id = 0, the default, means "assign one").
UPDATE "users" AS t SET "public_id" = r.n FROM (SELECT "id", row_number() OVER (PARTITION BY "organization_id" ORDER BY "created_at", "id") AS n FROM "users") AS r WHERE t."id" = r."id";--> statement-breakpoint
UPDATE "widgets" AS t SET "public_id" = r.n FROM (SELECT "id", row_number() OVER (PARTITION BY "organization_id" ORDER BY "created_at", "id") AS n FROM "widgets") AS r WHERE t."id" = r."id";--> statement-breakpoint
UPDATE "contacts" AS t SET "public_id" = r.n FROM (SELECT "id", row_number() OVER (PARTITION BY "organization_id" ORDER BY "created_at", "id") AS n FROM "contacts") AS r WHERE t."id" = r."id";--> statement-breakpoint
INSERT INTO "public_id_counters" ("organization_id", "entity", "last_value") SELECT "organization_id", 'users', max("public_id") FROM "users" GROUP BY "organization_id";--> statement-breakpoint
INSERT INTO "public_id_counters" ("organization_id", "entity", "last_value") SELECT "organization_id", 'widgets', max("public_id") FROM "widgets" GROUP BY "organization_id";--> statement-breakpoint
INSERT INTO "public_id_counters" ("organization_id", "entity", "last_value") SELECT "organization_id", 'contacts', max("public_id") FROM "contacts" GROUP BY "organization_id";--> statement-breakpoint
CREATE FUNCTION "assign_public_id"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."public_id" = 0 THEN
    INSERT INTO "public_id_counters" ("organization_id", "entity", "last_value") VALUES (NEW."organization_id", TG_TABLE_NAME, 1)
    ON CONFLICT ("organization_id", "entity") DO UPDATE SET "last_value" = "public_id_counters"."last_value" + 1
    RETURNING "last_value" INTO NEW."public_id";
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "users_public_id" BEFORE INSERT ON "users" FOR EACH ROW EXECUTE FUNCTION "assign_public_id"();--> statement-breakpoint
CREATE TRIGGER "widgets_public_id" BEFORE INSERT ON "widgets" FOR EACH ROW EXECUTE FUNCTION "assign_public_id"();--> statement-breakpoint
CREATE TRIGGER "contacts_public_id" BEFORE INSERT ON "contacts" FOR EACH ROW EXECUTE FUNCTION "assign_public_id"();--> statement-breakpoint
CREATE INDEX "user_access_tokens_user_idx" ON "user_access_tokens" USING btree ("user_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "external_references_value_uq" ON "external_references" USING btree ("dialect","kind","scope","value");--> statement-breakpoint
CREATE INDEX "external_references_entity_idx" ON "external_references" USING btree ("organization_id","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_org_public_id_uq" ON "users" USING btree ("organization_id","public_id");--> statement-breakpoint
CREATE UNIQUE INDEX "widgets_org_public_id_uq" ON "widgets" USING btree ("organization_id","public_id");--> statement-breakpoint
CREATE UNIQUE INDEX "widgets_channel_identifier_uq" ON "widgets" USING btree ("channel_identifier");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_org_public_id_uq" ON "contacts" USING btree ("organization_id","public_id");