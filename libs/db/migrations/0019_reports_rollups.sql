CREATE TABLE "report_rollups" (
	"grain" text NOT NULL,
	"dimension" text NOT NULL,
	"measure" text NOT NULL,
	"key" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"bin" integer NOT NULL,
	"count" integer NOT NULL,
	"sum" bigint NOT NULL,
	CONSTRAINT "report_rollups_grain_dimension_measure_key_bucket_bin_pk" PRIMARY KEY("grain","dimension","measure","key","bucket","bin")
);
--> statement-breakpoint
CREATE INDEX "report_rollups_bucket_idx" ON "report_rollups" USING btree ("grain","dimension","measure","bucket");