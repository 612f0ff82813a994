-- Histogram bin of a duration in seconds: one bin per whole second below 100 s, then bins 1% wide
-- (bin 100 + floor(log base 1.01 of seconds / 100)). Reports take each bin's mean (sum / count) as its value.
CREATE OR REPLACE FUNCTION report_bin(seconds integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN seconds < 100 THEN greatest(seconds, 0) ELSE 100 + floor(ln(seconds::float8 / 100) / ln(1.01::float8))::integer END
$$;
--> statement-breakpoint
-- A contribution lands in its UTC month, durations by histogram bin (for percentiles), and, for the whole workspace,
-- in its UTC hour, a count and a sum only (for charts); rows that hold only a count and a sum have bin -1.
CREATE OR REPLACE FUNCTION report_rollup_bin(grain text, measure text, value integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN grain = 'month' AND measure IN ('first_response', 'first_response_business', 'resolution', 'resolution_business', 'reply', 'reply_business')
    THEN report_bin(value) ELSE -1 END
$$;
--> statement-breakpoint
-- What one conversation's facts count in the rollups: each measure at its moment, once per slice the conversation is in.
CREATE OR REPLACE FUNCTION report_fact_contributions(f conversation_facts)
RETURNS TABLE (measure text, dimension text, key text, at timestamptz, value integer) LANGUAGE sql STABLE AS $$
  SELECT m.measure, d.dimension, d.key, m.at, m.value
  FROM (VALUES
      ('opened', f.opened_at, NULL::integer),
      ('bot_handoff', CASE WHEN f.bot_handoff THEN f.opened_at END, NULL::integer),
      ('resolved', f.resolved_at, f.replies),
      ('bot_resolved', CASE WHEN f.bot_resolved THEN f.resolved_at END, NULL::integer),
      ('first_response', CASE WHEN f.first_response_seconds IS NOT NULL THEN f.first_response_at END, f.first_response_seconds),
      ('first_response_business', CASE WHEN f.first_response_business_seconds IS NOT NULL THEN f.first_response_at END, f.first_response_business_seconds),
      ('resolution', CASE WHEN f.resolution_seconds IS NOT NULL THEN f.resolved_at END, f.resolution_seconds),
      ('resolution_business', CASE WHEN f.resolution_business_seconds IS NOT NULL THEN f.resolved_at END, f.resolution_business_seconds)
    ) AS m (measure, at, value)
  CROSS JOIN unnest(
    ARRAY['all', 'agent', 'team', 'inbox', 'channel'] || array_fill('label'::text, ARRAY[coalesce(cardinality(f.labels), 0)]),
    ARRAY['', coalesce(f.assignee_id::text, ''), coalesce(f.team_id::text, ''), f.inbox_id::text, f.channel] || f.labels
  ) AS d (dimension, key)
  WHERE m.at IS NOT NULL
$$;
--> statement-breakpoint
-- What one reply to a waiting customer counts in the rollups, once per slice it was sent in.
CREATE OR REPLACE FUNCTION report_reply_contributions(r reply_times)
RETURNS TABLE (measure text, dimension text, key text, at timestamptz, value integer) LANGUAGE sql STABLE AS $$
  SELECT m.measure, d.dimension, d.key, r.replied_at, m.value
  FROM (VALUES ('reply', r.seconds), ('reply_business', r.business_seconds)) AS m (measure, value)
  CROSS JOIN unnest(
    ARRAY['all', 'agent', 'team', 'inbox', 'channel'] || array_fill('label'::text, ARRAY[coalesce(cardinality(r.labels), 0)]),
    ARRAY['', coalesce(r.agent_id::text, ''), coalesce(r.team_id::text, ''), r.inbox_id::text, r.channel] || r.labels
  ) AS d (dimension, key)
  WHERE r.replied_at IS NOT NULL
$$;
--> statement-breakpoint
-- A changed, added or deleted facts row takes back what its old version counted and adds what its new one counts,
-- in the writing transaction; rows are written in key order so concurrent writers lock them in the same order.
CREATE OR REPLACE FUNCTION report_rollups_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollups AS r (grain, dimension, measure, key, bucket, bin, count, sum)
  SELECT c.grain, d.dimension, d.measure, d.key, c.bucket, c.bin, sum(d.sign)::integer, sum(d.sign * coalesce(d.value, 0))::bigint
  FROM (
    SELECT o.*, -1 AS sign FROM report_fact_contributions(OLD) AS o WHERE TG_OP <> 'INSERT'
    UNION ALL
    SELECT n.*, 1 AS sign FROM report_fact_contributions(NEW) AS n WHERE TG_OP <> 'DELETE'
  ) AS d
  CROSS JOIN (VALUES ('month'), ('hour')) AS g (grain)
  CROSS JOIN LATERAL (SELECT g.grain, date_trunc(g.grain, d.at, 'UTC') AS bucket, report_rollup_bin(g.grain, d.measure, d.value) AS bin) AS c
  WHERE g.grain = 'month' OR (d.dimension = 'all' AND d.measure NOT IN ('bot_handoff', 'bot_resolved'))
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(d.sign) <> 0 OR sum(d.sign * coalesce(d.value, 0)) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (grain, dimension, measure, key, bucket, bin) DO UPDATE SET count = r.count + excluded.count, sum = r.sum + excluded.sum;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_rollups_replies_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollups AS r (grain, dimension, measure, key, bucket, bin, count, sum)
  SELECT c.grain, d.dimension, d.measure, d.key, c.bucket, c.bin, sum(d.sign)::integer, sum(d.sign * coalesce(d.value, 0))::bigint
  FROM (
    SELECT o.*, -1 AS sign FROM report_reply_contributions(OLD) AS o WHERE TG_OP <> 'INSERT'
    UNION ALL
    SELECT n.*, 1 AS sign FROM report_reply_contributions(NEW) AS n WHERE TG_OP <> 'DELETE'
  ) AS d
  CROSS JOIN (VALUES ('month'), ('hour')) AS g (grain)
  CROSS JOIN LATERAL (SELECT g.grain, date_trunc(g.grain, d.at, 'UTC') AS bucket, report_rollup_bin(g.grain, d.measure, d.value) AS bin) AS c
  WHERE g.grain = 'month' OR (d.dimension = 'all' AND d.measure NOT IN ('bot_handoff', 'bot_resolved'))
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(d.sign) <> 0 OR sum(d.sign * coalesce(d.value, 0)) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (grain, dimension, measure, key, bucket, bin) DO UPDATE SET count = r.count + excluded.count, sum = r.sum + excluded.sum;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER report_rollups_facts_written AFTER INSERT OR DELETE ON conversation_facts FOR EACH ROW EXECUTE FUNCTION report_rollups_facts_changed();
--> statement-breakpoint
CREATE TRIGGER report_rollups_facts_updated AFTER UPDATE ON conversation_facts FOR EACH ROW
  WHEN ((OLD.inbox_id, OLD.channel, OLD.team_id, OLD.assignee_id, OLD.labels, OLD.opened_at, OLD.first_response_at, OLD.first_response_seconds,
        OLD.first_response_business_seconds, OLD.resolved_at, OLD.resolution_seconds, OLD.resolution_business_seconds, OLD.replies, OLD.bot_handoff, OLD.bot_resolved)
    IS DISTINCT FROM (NEW.inbox_id, NEW.channel, NEW.team_id, NEW.assignee_id, NEW.labels, NEW.opened_at, NEW.first_response_at, NEW.first_response_seconds,
        NEW.first_response_business_seconds, NEW.resolved_at, NEW.resolution_seconds, NEW.resolution_business_seconds, NEW.replies, NEW.bot_handoff, NEW.bot_resolved))
  EXECUTE FUNCTION report_rollups_facts_changed();
--> statement-breakpoint
CREATE TRIGGER report_rollups_replies_written AFTER INSERT OR DELETE ON reply_times FOR EACH ROW EXECUTE FUNCTION report_rollups_replies_changed();
--> statement-breakpoint
CREATE TRIGGER report_rollups_replies_updated AFTER UPDATE ON reply_times FOR EACH ROW
  WHEN ((OLD.replied_at, OLD.agent_id, OLD.inbox_id, OLD.channel, OLD.team_id, OLD.labels, OLD.seconds, OLD.business_seconds)
    IS DISTINCT FROM (NEW.replied_at, NEW.agent_id, NEW.inbox_id, NEW.channel, NEW.team_id, NEW.labels, NEW.seconds, NEW.business_seconds))
  EXECUTE FUNCTION report_rollups_replies_changed();
--> statement-breakpoint
-- Recounts every rollup from the facts and replies in one pass: run once here for the facts that exist, and by
-- anything that loads facts in bulk with the triggers off.
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
  GROUP BY 1, 2, 3, 4, 5, 6;
$$;
--> statement-breakpoint
SELECT report_rollups_rebuild();
