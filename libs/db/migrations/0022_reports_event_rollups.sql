-- What one rating counts in the rollups: the CSAT answer (its score, and whether it was satisfied: 4 or 5) at its
-- moment, and the NPS answer as a promoter (9-10), a passive (7-8) or a detractor (0-6) at its moment.
CREATE OR REPLACE FUNCTION report_rating_contributions(r conversation_ratings)
RETURNS TABLE (measure text, at timestamptz, value integer) LANGUAGE sql IMMUTABLE AS $$
  SELECT m.measure, m.at, m.value
  FROM (VALUES
      ('csat', CASE WHEN r.csat IS NOT NULL THEN r.csat_at END, r.csat),
      ('csat_satisfied', CASE WHEN r.csat >= 4 THEN r.csat_at END, NULL::integer),
      ('nps_promoter', CASE WHEN r.nps >= 9 THEN r.nps_at END, NULL::integer),
      ('nps_passive', CASE WHEN r.nps BETWEEN 7 AND 8 THEN r.nps_at END, NULL::integer),
      ('nps_detractor', CASE WHEN r.nps <= 6 THEN r.nps_at END, NULL::integer)
    ) AS m (measure, at, value)
  WHERE m.at IS NOT NULL
$$;
--> statement-breakpoint
-- What one SLA event counts: a due time met or missed at the moment it was decided; warnings count nothing.
CREATE OR REPLACE FUNCTION report_sla_event_contributions(e sla_events)
RETURNS TABLE (measure text, at timestamptz, value integer) LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE e.event WHEN 'hit' THEN 'sla_hit' ELSE 'sla_missed' END, e.created_at, NULL::integer
  WHERE e.event IN ('hit', 'breached') AND e.created_at IS NOT NULL
$$;
--> statement-breakpoint
-- A running SLA clock counts where its conversation is now, at no moment (grain 'current'): the clocks running now.
CREATE OR REPLACE FUNCTION report_sla_clock_contributions(s conversation_sla)
RETURNS TABLE (measure text, at timestamptz, value integer) LANGUAGE sql IMMUTABLE AS $$
  SELECT 'sla_running'::text, NULL::timestamptz, NULL::integer WHERE s.status IN ('active', 'active_with_misses')
$$;
--> statement-breakpoint
-- Where a contribution lands: its UTC month, or for one without a moment the single 'current' bucket.
CREATE OR REPLACE FUNCTION report_event_grain(at timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN at IS NULL THEN 'current' ELSE 'month' END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_event_bucket(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(date_trunc('month', at, 'UTC'), '1970-01-01 00:00:00+00'::timestamptz)
$$;
--> statement-breakpoint
-- The slices a conversation's facts put it in besides the whole workspace: its agent, team, inbox, channel, each label.
CREATE OR REPLACE FUNCTION report_fact_slices(f conversation_facts)
RETURNS TABLE (dimension text, key text) LANGUAGE sql IMMUTABLE AS $$
  SELECT s.dimension, s.key
  FROM unnest(
    ARRAY['agent', 'team', 'inbox', 'channel'] || array_fill('label'::text, ARRAY[coalesce(cardinality(f.labels), 0)]),
    ARRAY[coalesce(f.assignee_id::text, ''), coalesce(f.team_id::text, ''), f.inbox_id::text, f.channel] || f.labels
  ) AS s (dimension, key)
  WHERE f.conversation_id IS NOT NULL
$$;
--> statement-breakpoint
-- Every slice a conversation is in now: the whole workspace always, the others once it has facts.
CREATE OR REPLACE FUNCTION report_conversation_slices(conversation uuid)
RETURNS TABLE (dimension text, key text) LANGUAGE sql STABLE AS $$
  SELECT 'all'::text, ''::text
  UNION ALL
  SELECT s.dimension, s.key FROM conversation_facts f CROSS JOIN LATERAL report_fact_slices(f) AS s WHERE f.conversation_id = conversation
$$;
--> statement-breakpoint
-- What a conversation's SLA events, SLA clock and rating count, wherever its facts put it.
CREATE OR REPLACE FUNCTION report_conversation_event_contributions(conversation uuid)
RETURNS TABLE (measure text, at timestamptz, value integer) LANGUAGE sql STABLE AS $$
  SELECT x.measure, x.at, x.value FROM sla_events e CROSS JOIN LATERAL report_sla_event_contributions(e) AS x WHERE e.conversation_id = conversation
  UNION ALL
  SELECT x.measure, x.at, x.value FROM conversation_ratings r CROSS JOIN LATERAL report_rating_contributions(r) AS x WHERE r.conversation_id = conversation
  UNION ALL
  SELECT x.measure, x.at, x.value FROM conversation_sla s CROSS JOIN LATERAL report_sla_clock_contributions(s) AS x WHERE s.conversation_id = conversation
$$;
--> statement-breakpoint
-- SLA events, clocks and ratings count in the slices of their conversation's facts as they are now, so when the facts move
-- (reassigned, relabelled) their events move with them. An event writer locks the facts row first (a row lock, which
-- costs no shared memory however many rows a transaction writes), so a concurrent change of the facts either
-- committed before and is seen, or waits and then sees the event.
CREATE OR REPLACE FUNCTION report_lock_conversation(conversation uuid) RETURNS void LANGUAGE sql AS $$
  SELECT FROM conversation_facts WHERE conversation_id = conversation FOR NO KEY UPDATE
$$;
--> statement-breakpoint
-- The events of a conversation whose facts were added, moved or removed leave the old slices and join the new ones
-- (the whole workspace counts them from the events alone). Deletes run before the row goes, while a conversation
-- deleted with its events still shows both, whichever of the two the cascade removes first.
CREATE OR REPLACE FUNCTION report_rollups_fact_slices_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollups AS r (grain, dimension, measure, key, bucket, bin, count, sum)
  SELECT report_event_grain(c.at), s.dimension, c.measure, s.key, report_event_bucket(c.at), -1, sum(s.sign)::integer, sum(s.sign * coalesce(c.value, 0))::bigint
  FROM (
    SELECT o.dimension, o.key, OLD.conversation_id AS conversation_id, -1 AS sign FROM report_fact_slices(OLD) AS o WHERE TG_OP <> 'INSERT'
    UNION ALL
    SELECT n.dimension, n.key, NEW.conversation_id, 1 FROM report_fact_slices(NEW) AS n WHERE TG_OP <> 'DELETE'
  ) AS s
  CROSS JOIN LATERAL report_conversation_event_contributions(s.conversation_id) AS c
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(s.sign) <> 0 OR sum(s.sign * coalesce(c.value, 0)) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, dimension, measure, key, bucket, bin) DO UPDATE SET count = r.count + excluded.count, sum = r.sum + excluded.sum;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- What a changed row of sla_events, conversation_ratings or conversation_sla counts.
CREATE OR REPLACE FUNCTION report_row_contributions(source text, data jsonb)
RETURNS TABLE (measure text, at timestamptz, value integer) LANGUAGE sql STABLE AS $$
  SELECT x.* FROM report_sla_event_contributions(jsonb_populate_record(NULL::sla_events, data)) AS x WHERE source = 'sla_events'
  UNION ALL
  SELECT x.* FROM report_rating_contributions(jsonb_populate_record(NULL::conversation_ratings, data)) AS x WHERE source = 'conversation_ratings'
  UNION ALL
  SELECT x.* FROM report_sla_clock_contributions(jsonb_populate_record(NULL::conversation_sla, data)) AS x WHERE source = 'conversation_sla'
$$;
--> statement-breakpoint
-- A changed SLA event, rating or clock takes back what its old version counted and adds what its new one counts,
-- in every slice its conversation is in now.
CREATE OR REPLACE FUNCTION report_rollups_events_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_lock_conversation(coalesce(NEW.conversation_id, OLD.conversation_id));
  INSERT INTO report_rollups AS r (grain, dimension, measure, key, bucket, bin, count, sum)
  SELECT report_event_grain(c.at), s.dimension, c.measure, s.key, report_event_bucket(c.at), -1, sum(c.sign)::integer, sum(c.sign * coalesce(c.value, 0))::bigint
  FROM (
    SELECT o.*, OLD.conversation_id AS conversation_id, -1 AS sign FROM report_row_contributions(TG_TABLE_NAME, to_jsonb(OLD)) AS o WHERE TG_OP <> 'INSERT'
    UNION ALL
    SELECT n.*, NEW.conversation_id, 1 FROM report_row_contributions(TG_TABLE_NAME, to_jsonb(NEW)) AS n WHERE TG_OP <> 'DELETE'
  ) AS c
  CROSS JOIN LATERAL report_conversation_slices(c.conversation_id) AS s
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(c.sign) <> 0 OR sum(c.sign * coalesce(c.value, 0)) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, dimension, measure, key, bucket, bin) DO UPDATE SET count = r.count + excluded.count, sum = r.sum + excluded.sum;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER report_rollups_fact_slices_written AFTER INSERT ON conversation_facts FOR EACH ROW EXECUTE FUNCTION report_rollups_fact_slices_changed();
--> statement-breakpoint
CREATE TRIGGER report_rollups_fact_slices_deleted BEFORE DELETE ON conversation_facts FOR EACH ROW EXECUTE FUNCTION report_rollups_fact_slices_changed();
--> statement-breakpoint
CREATE TRIGGER report_rollups_fact_slices_updated AFTER UPDATE ON conversation_facts FOR EACH ROW
  WHEN ((OLD.conversation_id, OLD.inbox_id, OLD.channel, OLD.team_id, OLD.assignee_id, OLD.labels)
    IS DISTINCT FROM (NEW.conversation_id, NEW.inbox_id, NEW.channel, NEW.team_id, NEW.assignee_id, NEW.labels))
  EXECUTE FUNCTION report_rollups_fact_slices_changed();
--> statement-breakpoint
CREATE TRIGGER report_rollups_sla_events_written AFTER INSERT ON sla_events FOR EACH ROW EXECUTE FUNCTION report_rollups_events_changed();
--> statement-breakpoint
CREATE TRIGGER report_rollups_sla_events_deleted BEFORE DELETE ON sla_events FOR EACH ROW EXECUTE FUNCTION report_rollups_events_changed();
--> statement-breakpoint
CREATE TRIGGER report_rollups_sla_events_updated AFTER UPDATE ON sla_events FOR EACH ROW
  WHEN ((OLD.conversation_id, OLD.event, OLD.created_at) IS DISTINCT FROM (NEW.conversation_id, NEW.event, NEW.created_at))
  EXECUTE FUNCTION report_rollups_events_changed();
--> statement-breakpoint
CREATE TRIGGER report_rollups_ratings_written AFTER INSERT ON conversation_ratings FOR EACH ROW EXECUTE FUNCTION report_rollups_events_changed();
--> statement-breakpoint
CREATE TRIGGER report_rollups_ratings_deleted BEFORE DELETE ON conversation_ratings FOR EACH ROW EXECUTE FUNCTION report_rollups_events_changed();
--> statement-breakpoint
CREATE TRIGGER report_rollups_ratings_updated AFTER UPDATE ON conversation_ratings FOR EACH ROW
  WHEN ((OLD.conversation_id, OLD.csat, OLD.csat_at, OLD.nps, OLD.nps_at) IS DISTINCT FROM (NEW.conversation_id, NEW.csat, NEW.csat_at, NEW.nps, NEW.nps_at))
  EXECUTE FUNCTION report_rollups_events_changed();
--> statement-breakpoint
CREATE TRIGGER report_rollups_sla_clocks_written AFTER INSERT ON conversation_sla FOR EACH ROW EXECUTE FUNCTION report_rollups_events_changed();
--> statement-breakpoint
CREATE TRIGGER report_rollups_sla_clocks_deleted BEFORE DELETE ON conversation_sla FOR EACH ROW EXECUTE FUNCTION report_rollups_events_changed();
--> statement-breakpoint
CREATE TRIGGER report_rollups_sla_clocks_updated AFTER UPDATE ON conversation_sla FOR EACH ROW
  WHEN ((OLD.conversation_id, OLD.status) IS DISTINCT FROM (NEW.conversation_id, NEW.status))
  EXECUTE FUNCTION report_rollups_events_changed();
--> statement-breakpoint
-- The monthly message counters follow the hourly ones row by row: a plain upsert of the difference, as cheap as
-- possible because every message writes an hourly counter.
CREATE OR REPLACE FUNCTION message_counts_hourly_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.bucket, OLD.inbox_id, OLD.agent_id) = (NEW.bucket, NEW.inbox_id, NEW.agent_id) THEN
    INSERT INTO message_counts_monthly AS m (bucket, inbox_id, channel, agent_id, incoming, outgoing)
    VALUES (date_trunc('month', NEW.bucket, 'UTC'), NEW.inbox_id, NEW.channel, NEW.agent_id, NEW.incoming - OLD.incoming, NEW.outgoing - OLD.outgoing)
    ON CONFLICT (bucket, inbox_id, agent_id) DO UPDATE SET incoming = m.incoming + excluded.incoming, outgoing = m.outgoing + excluded.outgoing;
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO message_counts_monthly AS m (bucket, inbox_id, channel, agent_id, incoming, outgoing)
    VALUES (date_trunc('month', OLD.bucket, 'UTC'), OLD.inbox_id, OLD.channel, OLD.agent_id, -OLD.incoming, -OLD.outgoing)
    ON CONFLICT (bucket, inbox_id, agent_id) DO UPDATE SET incoming = m.incoming + excluded.incoming, outgoing = m.outgoing + excluded.outgoing;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO message_counts_monthly AS m (bucket, inbox_id, channel, agent_id, incoming, outgoing)
    VALUES (date_trunc('month', NEW.bucket, 'UTC'), NEW.inbox_id, NEW.channel, NEW.agent_id, NEW.incoming, NEW.outgoing)
    ON CONFLICT (bucket, inbox_id, agent_id) DO UPDATE SET incoming = m.incoming + excluded.incoming, outgoing = m.outgoing + excluded.outgoing;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER message_counts_hourly_written AFTER INSERT OR DELETE ON message_counts_hourly FOR EACH ROW EXECUTE FUNCTION message_counts_hourly_changed();
--> statement-breakpoint
CREATE TRIGGER message_counts_hourly_updated AFTER UPDATE ON message_counts_hourly FOR EACH ROW
  WHEN ((OLD.bucket, OLD.inbox_id, OLD.agent_id, OLD.incoming, OLD.outgoing) IS DISTINCT FROM (NEW.bucket, NEW.inbox_id, NEW.agent_id, NEW.incoming, NEW.outgoing))
  EXECUTE FUNCTION message_counts_hourly_changed();
--> statement-breakpoint
-- Recounts every rollup in one pass: the facts and replies, the SLA events, running SLA clocks and ratings in their
-- conversations' slices, the monthly message counters. Rows are written in key order, so a report's rows of one slice
-- and measure lie together on disk rather than spread over the whole table.
CREATE OR REPLACE FUNCTION report_rollups_rebuild() RETURNS void LANGUAGE sql SET work_mem = '128MB' SET enable_sort = off AS $$
  DELETE FROM report_rollups;
  INSERT INTO report_rollups (grain, dimension, measure, key, bucket, bin, count, sum)
  SELECT c.grain, d.dimension, d.measure, d.key, c.bucket, c.bin, count(*)::integer, sum(coalesce(d.value, 0))::bigint
  FROM (
    SELECT x.* FROM conversation_facts AS f CROSS JOIN LATERAL report_fact_contributions(f) AS x
    UNION ALL
    SELECT x.* FROM reply_times AS r CROSS JOIN LATERAL report_reply_contributions(r) AS x
  ) AS d
  CROSS JOIN (VALUES ('month'), ('hour')) AS g (grain)
  CROSS JOIN LATERAL (SELECT g.grain, date_trunc(g.grain, d.at, 'UTC') AS bucket, report_rollup_bin(g.grain, d.measure, d.value) AS bin) AS c
  WHERE g.grain = 'month' OR (d.dimension = 'all' AND d.measure NOT IN ('bot_handoff', 'bot_resolved'))
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6;
  INSERT INTO report_rollups (grain, dimension, measure, key, bucket, bin, count, sum)
  SELECT report_event_grain(c.at), s.dimension, c.measure, s.key, report_event_bucket(c.at), -1, count(*)::integer, sum(coalesce(c.value, 0))::bigint
  FROM (
    SELECT e.conversation_id, x.* FROM sla_events AS e CROSS JOIN LATERAL report_sla_event_contributions(e) AS x
    UNION ALL
    SELECT r.conversation_id, x.* FROM conversation_ratings AS r CROSS JOIN LATERAL report_rating_contributions(r) AS x
    UNION ALL
    SELECT s.conversation_id, x.* FROM conversation_sla AS s CROSS JOIN LATERAL report_sla_clock_contributions(s) AS x
  ) AS c
  LEFT JOIN conversation_facts AS f ON f.conversation_id = c.conversation_id
  CROSS JOIN LATERAL (SELECT 'all'::text, ''::text UNION ALL SELECT fs.dimension, fs.key FROM report_fact_slices(f) AS fs) AS s (dimension, key)
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5;
  DELETE FROM message_counts_monthly;
  INSERT INTO message_counts_monthly (bucket, inbox_id, channel, agent_id, incoming, outgoing)
  SELECT date_trunc('month', h.bucket, 'UTC'), h.inbox_id, min(h.channel), h.agent_id, sum(h.incoming)::integer, sum(h.outgoing)::integer
  FROM message_counts_hourly AS h
  GROUP BY 1, 2, 4;
$$;
--> statement-breakpoint
SELECT report_rollups_rebuild();
