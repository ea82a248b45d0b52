ALTER TABLE "contacts" ADD COLUMN "session_token_hash" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sender_name" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_session_token_hash_unique" UNIQUE("session_token_hash");