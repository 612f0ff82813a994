/**
 * Report queries at size: 100,000 conversations and 1,000,000 messages with their rollups (conversation
 * facts, reply times, report histograms and counters, hourly message counters, ratings, SLA clocks and events)
 * and 20,000 deals, seeded with set-based INSERT … SELECT, then each report query timed on PGlite and on PostgreSQL 15.
 * Baselines from the same run: `select count(*)` over messages and over the facts table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle, type Db } from '@app/db';
import { reportQueries } from '@app/reports';
import { createDatabaseOnServer } from '../test/support/postgres-server.js';
import { percentile, printTable, progress, sharedPostgres } from './support.js';

const CONVERSATIONS = 100_000;
const MESSAGES_PER_CONVERSATION = 10;
const DEALS = 20_000;
const SAMPLES = 15;
const DAY = 86_400_000;

const hex = (prefix: string, g: string) => `('${prefix}' || lpad(to_hex(${g}), 12, '0'))::uuid`;
const INBOX = (g: string) => hex('00000000-0000-7000-8000-', g);
const AGENT = (g: string) => hex('00000000-0000-7000-7000-', g);
const TEAM = (g: string) => hex('00000000-0000-7000-6000-', g);
const CONTACT = (g: string) => hex('00000000-0000-7000-9000-', g);
const CONVERSATION = (g: string) => hex('00000000-0000-7000-a000-', g);
const AGENT_1 = '00000000-0000-7000-7000-000000000001';
/** The tables whose triggers keep the report rollups and the monthly message counters. */
const ROLLUP_SOURCES = ['conversation_facts', 'reply_times', 'message_counts_hourly', 'conversation_ratings', 'conversation_sla', 'sla_events'];

async function step(db: Db, label: string, statement: string) {
  const started = performance.now();
  progress(`${label}…`);
  // One statement per call: the extended protocol (and PGlite) take no multi-statement strings.
  for (const part of statement.split(/;\s*\n/).map((p) => p.trim().replace(/;$/, '')).filter(Boolean)) await db.execute(sql.raw(part));
  progress(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export async function seed(db: Db, conversations: number, deals: number) {
  const contacts = Math.ceil(conversations / 10);
  // Conversations spread over the last year, newest first; 70% resolved.
  const created = `now() - (g * ${Math.floor((365 * 86_400) / conversations)} || ' seconds')::interval`;
  await step(db, 'inboxes, agents, teams', `
    insert into inboxes (id, type, name) select ${INBOX('g')}, (array['telegram','vk','webchat','email'])[g]::inbox_type, 'Канал ' || g from generate_series(1, 4) g;
    insert into users (id, email, name, password_hash, role) select ${AGENT('g')}, 'agent' || g || '@bench.local', 'Агент ' || g, 'x', 'agent' from generate_series(1, 20) g;
    insert into teams (id, name) select ${TEAM('g')}, 'Команда ' || g from generate_series(1, 2) g;
    insert into inbox_members (inbox_id, user_id) select ${INBOX('1 + g % 4')}, ${AGENT('g')} from generate_series(1, 20) g;`);
  await step(db, `${contacts} contacts`, `insert into contacts (id, name, search_text) select ${CONTACT('g')}, 'Клиент ' || g, 'клиент ' || g from generate_series(1, ${contacts}) g`);
  await step(db, `${conversations} conversations`, `
    insert into conversations (id, inbox_id, contact_id, status, assignee_id, team_id, labels, created_at, last_message_at, last_incoming_at, first_reply_at, resolved_at)
    select ${CONVERSATION('g')}, ${INBOX('1 + g % 4')}, ${CONTACT(`1 + g % ${contacts}`)},
      (case when g % 10 < 7 then 'resolved' else 'open' end)::conversation_status,
      case when g % 5 = 0 then null else ${AGENT('1 + g % 20')} end, ${TEAM('1 + g % 2')},
      case when g % 7 = 0 then array['vip'] when g % 7 = 1 then array['доставка'] else '{}'::text[] end,
      ${created}, ${created} + interval '20 minutes', ${created} + interval '18 minutes', ${created} + ((60 + g % 900) || ' seconds')::interval,
      case when g % 10 < 7 then ${created} + ((3600 + g % 86400) || ' seconds')::interval end
    from generate_series(1, ${conversations}) g`);
  for (let b = 0; b < MESSAGES_PER_CONVERSATION; b++) {
    const incoming = b % 2 === 0;
    await step(db, `messages ${b + 1}/${MESSAGES_PER_CONVERSATION} (${conversations})`, `
      insert into messages (id, conversation_id, inbox_id, message_type, sender_type, sender_id, content, status, created_at)
      select ('00000000-0000-7' || lpad(to_hex(${b}), 3, '0') || '-b000-' || lpad(to_hex(g), 12, '0'))::uuid, ${CONVERSATION('g')}, ${INBOX('1 + g % 4')},
        '${incoming ? 'incoming' : 'outgoing'}', '${incoming ? 'contact' : 'user'}', ${incoming ? CONTACT(`1 + g % ${contacts}`) : AGENT('1 + g % 20')},
        'Сообщение ${b} о заказе ' || g, '${incoming ? 'received' : 'sent'}', ${created} + ((${b * 120} + g % 100) || ' seconds')::interval
      from generate_series(1, ${conversations}) g`);
  }
  // The rollup triggers count one row at a time; a bulk load switches them off and recounts once at the end.
  await step(db, 'rollup triggers off', ROLLUP_SOURCES.map((table) => `alter table ${table} disable trigger user`).join(';\n'));
  await step(db, 'conversation facts', `
    insert into conversation_facts (conversation_id, inbox_id, channel, team_id, assignee_id, labels, opened_at, first_response_at, first_response_seconds, first_response_business_seconds,
      resolved_at, resolution_seconds, resolution_business_seconds, awaiting_since, replies, incoming_messages, outgoing_messages, bot_replied, bot_handoff, bot_resolved, status)
    select c.id, c.inbox_id, i.type::text, c.team_id, c.assignee_id, c.labels, c.created_at, c.first_reply_at,
      extract(epoch from c.first_reply_at - c.created_at)::int, (extract(epoch from c.first_reply_at - c.created_at) * 0.6)::int,
      c.resolved_at, extract(epoch from c.resolved_at - c.created_at)::int, (extract(epoch from c.resolved_at - c.created_at) * 0.4)::int,
      case when c.status = 'open' and c.assignee_id is null then c.last_incoming_at end, 5, 5, 5,
      (c.id::text like '%0'), (c.id::text like '%0' and c.assignee_id is not null), (c.id::text like '%0' and c.assignee_id is null and c.status = 'resolved'), c.status::text
    from conversations c join inboxes i on i.id = c.inbox_id`);
  await step(db, 'reply times', `
    insert into reply_times (id, conversation_id, replied_at, agent_id, inbox_id, channel, team_id, labels, seconds, business_seconds)
    select m.id, m.conversation_id, m.created_at, m.sender_id, m.inbox_id, f.channel, f.team_id, f.labels, 30 + (extract(epoch from m.created_at)::bigint % 1800)::int, 20 + (extract(epoch from m.created_at)::bigint % 1200)::int
    from messages m join conversation_facts f on f.conversation_id = m.conversation_id where m.message_type = 'outgoing'`);
  await step(db, 'hourly message counters (from the messages)', `
    insert into message_counts_hourly (bucket, inbox_id, channel, agent_id, incoming, outgoing)
    select date_trunc('hour', m.created_at), m.inbox_id, i.type::text, case when m.message_type = 'outgoing' then m.sender_id else '00000000-0000-0000-0000-000000000000' end,
      count(*) filter (where m.message_type = 'incoming'), count(*) filter (where m.message_type = 'outgoing')
    from messages m join inboxes i on i.id = m.inbox_id group by 1, 2, 3, 4`);
  await step(db, 'ratings', `
    insert into conversation_ratings (conversation_id, contact_id, inbox_id, stage, csat, nps, requested_at, csat_at, nps_at)
    select c.id, c.contact_id, c.inbox_id, 'done', 1 + (g % 5), g % 11, c.resolved_at, c.resolved_at + interval '5 minutes', c.resolved_at + interval '6 minutes'
    from generate_series(1, ${conversations}) g join conversations c on c.id = ${CONVERSATION('g')} where c.status = 'resolved' and g % 3 = 0`);
  await step(db, 'SLA policy, clocks and events', `
    insert into sla_policies (id, name, first_response_seconds, resolution_seconds) values ('00000000-0000-7000-5000-000000000001', 'Стандарт', 600, 86400);
    insert into conversation_sla (conversation_id, policy_id, status, first_response_due_at, resolution_due_at, hits, misses, warned)
    select c.id, '00000000-0000-7000-5000-000000000001', case when c.status = 'resolved' then 'hit' else 'active' end,
      case when c.status = 'open' and c.assignee_id is null then c.created_at + interval '10 minutes' end,
      case when c.status = 'open' then c.created_at + interval '1 day' end, 1, 0, '{}'
    from conversations c;
    insert into sla_events (id, conversation_id, policy_id, kind, event, due_at, inbox_id, team_id, assignee_id, created_at)
    select c.id, c.id, '00000000-0000-7000-5000-000000000001', 'first_response', case when c.first_reply_at > c.created_at + interval '10 minutes' then 'breached' else 'hit' end,
      c.created_at + interval '10 minutes', c.inbox_id, c.team_id, c.assignee_id, least(c.first_reply_at, c.created_at + interval '10 minutes')
    from conversations c`);
  await step(db, `pipeline and ${deals} deals`, `
    insert into pipelines (id, name, is_default) values ('00000000-0000-7000-4000-000000000001', 'Продажи', true);
    insert into pipeline_stages (id, pipeline_id, name, position, kind) select ${hex('00000000-0000-7000-4100-', 'g')}, '00000000-0000-7000-4000-000000000001',
      (array['Новая','КП','Успешно','Проиграна'])[g], g, (array['open','open','won','lost'])[g]::stage_kind from generate_series(1, 4) g;
    insert into deals (id, title, amount, pipeline_id, stage_id, status, contact_id, owner_id, source_inbox_id, created_at, closed_at, stage_changed_at)
    select ${hex('00000000-0000-7000-4200-', 'g')}, 'Сделка ' || g, 1000 + (g % 50) * 1000, '00000000-0000-7000-4000-000000000001',
      ${hex('00000000-0000-7000-4100-', `case when g % 10 < 3 then 3 when g % 10 < 5 then 4 else 1 + g % 2 end`)},
      (case when g % 10 < 3 then 'won' when g % 10 < 5 then 'lost' else 'open' end)::deal_status,
      ${CONTACT(`1 + g % ${contacts}`)}, ${AGENT('1 + g % 20')}, ${INBOX('1 + g % 4')},
      now() - (g * ${Math.floor((365 * 86_400) / deals)} || ' seconds')::interval,
      case when g % 10 < 5 then now() - (g * ${Math.floor((365 * 86_400) / deals)} || ' seconds')::interval + interval '9 days' end,
      now() - (g * ${Math.floor((365 * 86_400) / deals)} || ' seconds')::interval
    from generate_series(1, ${deals}) g;
    insert into deal_stage_history (id, deal_id, pipeline_id, stage_id, entered_at, left_at)
    select d.id, d.id, d.pipeline_id, ${hex('00000000-0000-7000-4100-', '1')}, d.created_at, d.created_at + interval '3 days' from deals d where d.status <> 'open' or d.id::text like '%0'`);
  await step(
    db,
    'report rollups (histograms and counts per month, counts per hour, monthly message counters)',
    ['select report_rollups_rebuild()', ...ROLLUP_SOURCES.map((table) => `alter table ${table} enable trigger user`)].join(';\n'),
  );
  await step(db, 'analyze', 'analyze');
}

async function timed(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function measure(handle: DatabaseHandle, name: string, scale: number) {
  const db = handle.db;
  const started = performance.now();
  await seed(db, Math.round(CONVERSATIONS * scale), Math.round(DEALS * scale));
  progress(`${name}: seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const { reports, dashboard } = reportQueries(db);
  const now = Date.now();
  const day = (offset: number) => new Date(now + offset * DAY).toISOString();
  const last = (days: number) => ({ from: day(-days), to: day(1), timezone: 'Europe/Moscow' });
  const queries: Array<[string, () => Promise<unknown>]> = [
    ['baseline: select count(*) from messages', () => db.execute(sql`select count(*) from messages`)],
    ['baseline: select count(*) from conversation_facts', () => db.execute(sql`select count(*) from conversation_facts`)],
    ['summary, last 30 days', () => reports.summary(last(30))],
    ['summary, last 365 days', () => reports.summary(last(365))],
    ['summary, 30 days, business time, label', () => reports.summary({ ...last(30), businessHours: 'true', label: 'vip' })],
    ['timeseries opened per day, 30 days', () => reports.timeseries({ ...last(30), metric: 'conversationsOpened', groupBy: 'day' })],
    ['timeseries reply time per week, 365 days', () => reports.timeseries({ ...last(365), metric: 'replyTime', groupBy: 'week' })],
    ['timeseries incoming per hour, 7 days', () => reports.timeseries({ ...last(7), metric: 'incomingMessages', groupBy: 'hour' })],
    ['timeseries revenue per month, 365 days', () => reports.timeseries({ ...last(365), metric: 'revenue', groupBy: 'month' })],
    ['breakdown by agent, 30 days', () => reports.breakdown({ ...last(30), dimension: 'agent' })],
    ['breakdown by label, 365 days', () => reports.breakdown({ ...last(365), dimension: 'label' })],
    ['summary, 365 days, one agent', () => reports.summary({ ...last(365), agentId: AGENT_1 })],
    ['summary, 365 days, business time, label', () => reports.summary({ ...last(365), businessHours: 'true', label: 'vip' })],
    ['timeseries first response per day, 365 days', () => reports.timeseries({ ...last(365), metric: 'firstResponseTime', groupBy: 'day' })],
    ['breakdown by agent, 365 days', () => reports.breakdown({ ...last(365), dimension: 'agent' })],
    ['breakdown by team, 365 days, business time', () => reports.breakdown({ ...last(365), dimension: 'team', businessHours: 'true' })],
    ['summary, 30 days, one agent and a label (from the facts)', () => reports.summary({ ...last(30), agentId: AGENT_1, label: 'vip' })],
    ['timeseries reply time per week, 365 days, one agent (from the rows)', () => reports.timeseries({ ...last(365), metric: 'replyTime', groupBy: 'week', agentId: AGENT_1 })],
    ['live dashboard', () => dashboard.live({ kind: 'user', id: '00000000-0000-0000-0000-000000000000', role: 'admin', name: 'bench' })],
  ];
  const rows: Array<Record<string, string | number>> = [];
  for (const [label, run] of queries) {
    const { p50, p95 } = await timed(run);
    progress(`${name}: ${label}: p50 ${p50.toFixed(1)} ms`);
    rows.push({ database: name, query: label, 'p50 ms': p50, 'p95 ms': p95 });
  }
  printTable(`Report queries on ${name} (${Math.round(CONVERSATIONS * scale)} conversations, ${Math.round(CONVERSATIONS * scale * MESSAGES_PER_CONVERSATION)} messages, ${SAMPLES} samples each)`, rows);
}

export async function run(args: string[]) {
  const scale = Number(args.find((a) => a.startsWith('--scale='))?.slice(8) ?? 1);
  const driver = args.find((a) => a.startsWith('--driver='))?.slice(9) ?? 'both';
  if (driver === 'pglite' || driver === 'both') {
    const dir = mkdtempSync(join(tmpdir(), 'omnibox-bench-reports-'));
    const handle = await openDatabase({ pgliteDataDir: dir });
    try {
      await measure(handle, 'PGlite', scale);
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (driver === 'postgres' || driver === 'both') {
    const handle = await openDatabase({ databaseUrl: await createDatabaseOnServer((await sharedPostgres()).url, 'bench_reports'), poolSize: 5 });
    try {
      await measure(handle, 'PostgreSQL 15', scale);
    } finally {
      await handle.close();
    }
  }
}
