ALTER TABLE "contacts" ADD COLUMN "identifier" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "additional_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "custom_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "priority" text;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_org_identifier_uq" ON "contacts" USING btree ("organization_id","identifier");