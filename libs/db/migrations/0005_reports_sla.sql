CREATE TABLE "conversation_facts" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"inbox_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"team_id" uuid,
	"assignee_id" uuid,
	"labels" text[] DEFAULT '{}'::text[] NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"first_response_seconds" integer,
	"first_response_business_seconds" integer,
	"resolved_at" timestamp with time zone,
	"resolution_seconds" integer,
	"resolution_business_seconds" integer,
	"awaiting_since" timestamp with time zone,
	"replies" integer DEFAULT 0 NOT NULL,
	"incoming_messages" integer DEFAULT 0 NOT NULL,
	"outgoing_messages" integer DEFAULT 0 NOT NULL,
	"bot_replied" boolean DEFAULT false NOT NULL,
	"bot_handoff" boolean DEFAULT false NOT NULL,
	"bot_resolved" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_ratings" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"contact_id" uuid NOT NULL,
	"inbox_id" uuid NOT NULL,
	"stage" text DEFAULT 'csat_pending' NOT NULL,
	"csat" integer,
	"nps" integer,
	"comment" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"csat_at" timestamp with time zone,
	"nps_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_sla" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"policy_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"first_response_due_at" timestamp with time zone,
	"next_response_due_at" timestamp with time zone,
	"resolution_due_at" timestamp with time zone,
	"awaiting_since" timestamp with time zone,
	"warned" text[] DEFAULT '{}'::text[] NOT NULL,
	"breached" text[] DEFAULT '{}'::text[] NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	"misses" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_stage_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"deal_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "message_counts_hourly" (
	"bucket" timestamp with time zone NOT NULL,
	"inbox_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"agent_id" uuid NOT NULL,
	"incoming" integer DEFAULT 0 NOT NULL,
	"outgoing" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "message_counts_hourly_bucket_inbox_id_agent_id_pk" PRIMARY KEY("bucket","inbox_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "reply_times" (
	"id" uuid PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"replied_at" timestamp with time zone NOT NULL,
	"agent_id" uuid,
	"inbox_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"team_id" uuid,
	"seconds" integer NOT NULL,
	"business_seconds" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_inputs" (
	"month" text PRIMARY KEY NOT NULL,
	"marketing_spend" numeric(14, 2) DEFAULT '0' NOT NULL,
	"sales_spend" numeric(14, 2) DEFAULT '0' NOT NULL,
	"crm_cost" numeric(14, 2) DEFAULT '0' NOT NULL,
	"baseline_revenue" numeric(14, 2) DEFAULT '0' NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"policy_id" uuid,
	"kind" text NOT NULL,
	"event" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"inbox_id" uuid NOT NULL,
	"team_id" uuid,
	"assignee_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"first_response_seconds" integer,
	"next_response_seconds" integer,
	"resolution_seconds" integer,
	"business_hours_only" boolean DEFAULT false NOT NULL,
	"warning_percent" integer DEFAULT 80 NOT NULL,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversation_facts" ADD CONSTRAINT "conversation_facts_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_ratings" ADD CONSTRAINT "conversation_ratings_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_sla" ADD CONSTRAINT "conversation_sla_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_sla" ADD CONSTRAINT "conversation_sla_policy_id_sla_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."sla_policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_stage_history" ADD CONSTRAINT "deal_stage_history_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_times" ADD CONSTRAINT "reply_times_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_inputs" ADD CONSTRAINT "report_inputs_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_events" ADD CONSTRAINT "sla_events_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_events" ADD CONSTRAINT "sla_events_policy_id_sla_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."sla_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_facts_opened_idx" ON "conversation_facts" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "conversation_facts_resolved_idx" ON "conversation_facts" USING btree ("resolved_at") WHERE "conversation_facts"."resolved_at" is not null;--> statement-breakpoint
CREATE INDEX "conversation_facts_first_response_idx" ON "conversation_facts" USING btree ("first_response_at") WHERE "conversation_facts"."first_response_at" is not null;--> statement-breakpoint
CREATE INDEX "conversation_ratings_pending_idx" ON "conversation_ratings" USING btree ("contact_id","inbox_id") WHERE "conversation_ratings"."stage" <> 'done';--> statement-breakpoint
CREATE INDEX "conversation_ratings_csat_idx" ON "conversation_ratings" USING btree ("csat_at");--> statement-breakpoint
CREATE INDEX "conversation_ratings_nps_idx" ON "conversation_ratings" USING btree ("nps_at");--> statement-breakpoint
CREATE INDEX "conversation_sla_first_due_idx" ON "conversation_sla" USING btree ("first_response_due_at") WHERE "conversation_sla"."first_response_due_at" is not null;--> statement-breakpoint
CREATE INDEX "conversation_sla_next_due_idx" ON "conversation_sla" USING btree ("next_response_due_at") WHERE "conversation_sla"."next_response_due_at" is not null;--> statement-breakpoint
CREATE INDEX "conversation_sla_resolution_due_idx" ON "conversation_sla" USING btree ("resolution_due_at") WHERE "conversation_sla"."resolution_due_at" is not null;--> statement-breakpoint
CREATE INDEX "deal_stage_history_deal_idx" ON "deal_stage_history" USING btree ("deal_id","entered_at");--> statement-breakpoint
CREATE INDEX "deal_stage_history_stage_idx" ON "deal_stage_history" USING btree ("stage_id","entered_at");--> statement-breakpoint
CREATE INDEX "reply_times_replied_idx" ON "reply_times" USING btree ("replied_at");--> statement-breakpoint
CREATE INDEX "reply_times_conversation_idx" ON "reply_times" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "sla_events_created_idx" ON "sla_events" USING btree ("created_at","event");--> statement-breakpoint
CREATE INDEX "sla_events_conversation_idx" ON "sla_events" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "sla_policies_position_idx" ON "sla_policies" USING btree ("active","position");