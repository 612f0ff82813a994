/**
 * Inbox queries at size: 100,000 conversations and 1,000,000 messages seeded straight into PostgreSQL,
 * then the p95 of the conversation list (each tab and filter), a thread page and search through the
 * HTTP API. Baseline from the same run: GET /api/health (HTTP + `select 1`).
 */
import pg from 'pg';
import { percentile, printTable, progress, startStack, type Stack } from './support.js';

const CONVERSATIONS = 100_000;
const MESSAGES = 1_000_000;
const SAMPLES = 100;

export async function seed(databaseUrl: string, conversations: number, messages: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  progress(`seeding ${conversations} conversations (${Math.floor(conversations / 20)} tickets) and ${messages} messages…`);
  await client.query(`insert into inboxes (id, type, name, settings) values ('00000000-0000-7000-8000-000000000001', 'api', 'bench', '{}') on conflict do nothing`);
  await client.query(`
    insert into contacts (id, name, search_text)
    select ('00000000-0000-7000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, 'Клиент ' || g, 'клиент ' || g
    from generate_series(1, ${Math.ceil(conversations / 10)}) g`);
  await client.query(`
    insert into conversations (id, inbox_id, contact_id, status, assignee_id, labels, unread_count, last_message_at, last_message_preview, created_at)
    select ('00000000-0000-7000-a000-' || lpad(to_hex(g), 12, '0'))::uuid,
           '00000000-0000-7000-8000-000000000001',
           ('00000000-0000-7000-9000-' || lpad(to_hex(1 + g % ${Math.ceil(conversations / 10)}), 12, '0'))::uuid,
           (array['open','open','pending','resolved'])[1 + g % 4]::conversation_status,
           case when g % 3 = 0 then (select id from users limit 1) end,
           case when g % 7 = 0 then array['vip'] else '{}'::text[] end,
           g % 5, now() - (g || ' seconds')::interval, 'Сообщение ' || g, now() - (g || ' seconds')::interval
    from generate_series(1, ${conversations}) g`);
  // Every 20th conversation is a ticket (5%); every 100th has a due date behind it, so 1% are overdue.
  await client.query(`
    insert into tickets (id, conversation_id, type, due_at)
    select ('00000000-0000-7000-c000-' || lpad(to_hex(g), 12, '0'))::uuid,
           ('00000000-0000-7000-a000-' || lpad(to_hex(g), 12, '0'))::uuid,
           (array['question','complaint','warranty','return'])[1 + (g / 20) % 4],
           case when g % 100 = 0 then now() - interval '1 day' when g % 40 = 0 then now() + interval '3 days' end
    from generate_series(20, ${conversations}, 20) g`);
  const perConversation = Math.ceil(messages / conversations);
  for (let batch = 0; batch < perConversation; batch++) {
    progress(`messages ${batch + 1}/${perConversation}…`);
    await client.query(`
      insert into messages (id, conversation_id, inbox_id, message_type, sender_type, content, status, search_text, created_at)
      select ('00000000-0000-7' || lpad(to_hex(${batch}), 3, '0') || '-b000-' || lpad(to_hex(g), 12, '0'))::uuid,
             ('00000000-0000-7000-a000-' || lpad(to_hex(g), 12, '0'))::uuid,
             '00000000-0000-7000-8000-000000000001', 'incoming', 'contact',
             'Здравствуйте, вопрос номер ' || g || ' про заказ ' || (g * 7 + ${batch}),
             'received', 'здравствуйте, вопрос номер ' || g || ' про заказ ' || (g * 7 + ${batch}),
             now() - ((g + ${batch}) || ' seconds')::interval
      from generate_series(1, ${conversations}) g`);
  }
  await client.query('analyze');
  await client.end();
  progress(`seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function p95(stack: Stack, path: string): Promise<number> {
  const timings: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    const res = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${stack.token}` } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    timings.push(performance.now() - started);
  }
  return percentile(timings, 95);
}

export async function run(args: string[]) {
  const scale = Number(args.find((a) => a.startsWith('--scale='))?.slice(8) ?? 1);
  const stack = await startStack('postgres');
  try {
    const conversations = Math.round(CONVERSATIONS * scale);
    await seed(stack.databaseUrl!, conversations, Math.round(MESSAGES * scale));
    const thread = '00000000-0000-7000-a000-' + Math.ceil(conversations / 2).toString(16).padStart(12, '0');
    const queries: Array<[string, string]> = [
      ['health (baseline)', '/api/health'],
      ['list: all', '/api/conversations?limit=25'],
      ['list: open', '/api/conversations?status=open&limit=25'],
      ['list: mine', '/api/conversations?assigneeId=me&limit=25'],
      ['list: unassigned', '/api/conversations?assigneeId=none&status=open&limit=25'],
      ['list: inbox', '/api/conversations?inboxId=00000000-0000-7000-8000-000000000001&limit=25'],
      ['list: label', '/api/conversations?label=vip&limit=25'],
      ['list: tickets', '/api/conversations?ticket=only&limit=25'],
      ['list: tickets of a type', '/api/conversations?ticketType=warranty&limit=25'],
      ['list: overdue tickets', '/api/conversations?ticket=overdue&limit=25'],
      ['thread page', `/api/conversations/${thread}/messages?limit=50`],
      ['search (message text)', `/api/conversations?q=${encodeURIComponent('заказ 350007')}&limit=25`],
      ['search (contact name)', `/api/conversations?q=${encodeURIComponent('клиент 777')}&limit=25`],
    ];
    const rows = [];
    const baseline = await p95(stack, '/api/health');
    for (const [name, path] of queries) {
      progress(name);
      const value = name.startsWith('health') ? baseline : await p95(stack, path);
      rows.push({ query: name, 'p95 ms': value, 'x baseline': value / baseline });
    }
    printTable(`Inbox queries with ${Math.round(CONVERSATIONS * scale)} conversations and ${Math.round(MESSAGES * scale)} messages on PostgreSQL (p95 of ${SAMPLES} sequential requests)`, rows);
  } finally {
    await stack.stop();
  }
}
