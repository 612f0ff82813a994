CREATE TABLE "message_triggers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"kind" text NOT NULL,
	"config" jsonb NOT NULL,
	"inbox_id" uuid,
	"template_id" uuid,
	"segment_id" uuid,
	"send_at_local" text DEFAULT '10:00' NOT NULL,
	"quiet_hours" jsonb,
	"last_fired_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trigger_occurrences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"trigger_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"occurrence_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"test" boolean DEFAULT false NOT NULL,
	"context" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"conversation_id" uuid,
	"message_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_triggers" ADD CONSTRAINT "message_triggers_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_triggers" ADD CONSTRAINT "message_triggers_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trigger_occurrences" ADD CONSTRAINT "trigger_occurrences_trigger_id_message_triggers_id_fk" FOREIGN KEY ("trigger_id") REFERENCES "public"."message_triggers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trigger_occurrences" ADD CONSTRAINT "trigger_occurrences_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trigger_occurrences" ADD CONSTRAINT "trigger_occurrences_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trigger_occurrences" ADD CONSTRAINT "trigger_occurrences_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_triggers_active_idx" ON "message_triggers" USING btree ("active","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "trigger_occurrences_once_uq" ON "trigger_occurrences" USING btree ("trigger_id","contact_id","occurrence_key");--> statement-breakpoint
CREATE INDEX "trigger_occurrences_trigger_idx" ON "trigger_occurrences" USING btree ("trigger_id","id");--> statement-breakpoint
CREATE INDEX "trigger_occurrences_due_idx" ON "trigger_occurrences" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "trigger_occurrences_message_idx" ON "trigger_occurrences" USING btree ("message_id");