CREATE TABLE "transcript_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"email" text NOT NULL,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transcript_requests_message_id_unique" UNIQUE("message_id")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "transcripts_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "transcript_requests" ADD CONSTRAINT "transcript_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcript_requests" ADD CONSTRAINT "transcript_requests_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcript_requests" ADD CONSTRAINT "transcript_requests_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcript_requests" ADD CONSTRAINT "transcript_requests_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "transcript_requests_conversation_idx" ON "transcript_requests" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "transcript_requests_contact_idx" ON "transcript_requests" USING btree ("contact_id","created_at");--> statement-breakpoint
CREATE INDEX "transcript_requests_ip_idx" ON "transcript_requests" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "transcript_requests_org_idx" ON "transcript_requests" USING btree ("organization_id","created_at");