CREATE TABLE "message_counts_monthly" (
	"bucket" timestamp with time zone NOT NULL,
	"inbox_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"agent_id" uuid NOT NULL,
	"incoming" integer DEFAULT 0 NOT NULL,
	"outgoing" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "message_counts_monthly_bucket_inbox_id_agent_id_pk" PRIMARY KEY("bucket","inbox_id","agent_id")
);
