DROP INDEX "conversations_inbox_status_idx";--> statement-breakpoint
DROP INDEX "conversations_last_message_idx";--> statement-breakpoint
CREATE INDEX "contacts_search_trgm_idx" ON "contacts" USING gin (search_text gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "conversations_activity_idx" ON "conversations" USING btree ((coalesce(last_message_at, created_at)),"id");--> statement-breakpoint
CREATE INDEX "conversations_status_activity_idx" ON "conversations" USING btree ("status",(coalesce(last_message_at, created_at)),"id");--> statement-breakpoint
CREATE INDEX "conversations_inbox_activity_idx" ON "conversations" USING btree ("inbox_id",(coalesce(last_message_at, created_at)),"id");--> statement-breakpoint
CREATE INDEX "conversations_inbox_status_activity_idx" ON "conversations" USING btree ("inbox_id","status",(coalesce(last_message_at, created_at)),"id");--> statement-breakpoint
CREATE INDEX "conversations_assignee_activity_idx" ON "conversations" USING btree ("assignee_id",(coalesce(last_message_at, created_at)),"id");--> statement-breakpoint
CREATE INDEX "messages_search_trgm_idx" ON "messages" USING gin (search_text gin_trgm_ops);