ALTER TABLE "users" ADD COLUMN "phone_extension" text;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_phone_extension_unique" UNIQUE("phone_extension");