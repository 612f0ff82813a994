/**
 * Outbound: a burst of replies to many Telegram chats through the fake Bot API, which enforces
 * Telegram's flood control (30 sends a second per bot, one a second per chat) and answers 429 beyond
 * it. Prints the time to drain the burst beside the theoretical minimum those limits allow, and how
 * many sends the fake refused (the goal is none: the server keeps within the limits by itself).
 */
import { startFakeTelegramBotApi } from '../test/support/fakes/telegram-bot-api.js';
import { privateText } from '../test/support/fakes/telegram-updates.js';
import { printTable, progress, startStack, type Stack } from './support.js';

const PER_BOT_PER_SECOND = 30;
const PER_CHAT_PER_SECOND = 1;

function option(args: string[], name: string, fallback: string): string {
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
}

async function api<T>(stack: Stack, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${stack.url}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function conversationsOf(stack: Stack, inboxId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Array<{ id: string }>; nextCursor: string | null } = await api(stack, 'GET', `/conversations?inboxId=${inboxId}&status=all&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    ids.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** Polls at a steady pace until the condition holds; a benchmark waits on real progress, never a fixed time. */
async function until(what: string, condition: () => Promise<boolean> | boolean, timeoutMs: number) {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function run(args: string[]) {
  const driver = option(args, 'driver', 'postgres') as 'postgres' | 'pglite';
  const chats = Number(option(args, 'chats', '100'));
  const replies = Number(option(args, 'replies', '1000'));
  const fake = await startFakeTelegramBotApi({ floodControl: { perBotPerSecond: PER_BOT_PER_SECOND, perChatPerSecond: PER_CHAT_PER_SECOND }, maxHoldMs: 200 });
  progress(`starting the server on ${driver}…`);
  const stack = await startStack(driver);
  try {
    const inbox = await api<{ id: string }>(stack, 'POST', '/inboxes', { type: 'telegram', name: 'bench', settings: { botToken: fake.token, apiRoot: fake.url, mode: 'polling' } });
    progress(`${chats} customers write to the bot…`);
    fake.queueUpdate(...Array.from({ length: chats }, (_, i) => privateText(0, i + 1, `Здравствуйте, заказ ${i + 1}`, { id: 500_000 + i, is_bot: false, first_name: `Клиент ${i + 1}`, language_code: 'ru' })));
    let conversations: string[] = [];
    await until(`${chats} conversations`, async () => (conversations = await conversationsOf(stack, inbox.id)).length >= chats, 60_000);

    progress(`a burst of ${replies} replies…`);
    const sendsBefore = fake.callsOf('sendMessage').length;
    const started = performance.now();
    const startedWall = Date.now();
    const queue = Array.from({ length: replies }, (_, i) => conversations[i % conversations.length]);
    let posted = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let next = queue.pop(); next; next = queue.pop()) {
          await api(stack, 'POST', `/conversations/${next}/messages`, { text: `Ответ ${++posted}` });
        }
      }),
    );
    const acceptedAt = performance.now() - started;
    const accepted = () => fake.callsOf('sendMessage').length - sendsBefore - fake.floodErrors;
    let lastReport = 0;
    await until(
      'every reply sent',
      () => {
        const done = accepted();
        if (done - lastReport >= 100) progress(`${(lastReport = done - (done % 100))}/${replies} sent…`);
        return done >= replies;
      },
      replies * 1_000,
    );
    const drainSeconds = (performance.now() - started) / 1000;
    const sends = fake.callsOf('sendMessage').slice(sendsBefore);
    const firstAt = sends[0]?.at ?? 0;
    const perSecond = new Array<number>(Math.ceil(drainSeconds) + 1).fill(0);
    for (const send of sends) perSecond[Math.floor((send.at - firstAt) / 1000)] += 1;
    progress(`first send ${firstAt - startedWall} ms after the burst began; sends per second from it: ${perSecond.join(' ')}`);
    // Per bot: the first second's allowance goes at once, then one allowance a second; per chat likewise.
    const perChat = Math.ceil(replies / chats);
    const minimum = Math.max((replies - PER_BOT_PER_SECOND) / PER_BOT_PER_SECOND, (perChat - PER_CHAT_PER_SECOND) / PER_CHAT_PER_SECOND);
    printTable(`Outbound: ${replies} replies to ${chats} Telegram chats on ${driver}, flood control ${PER_BOT_PER_SECOND}/s per bot and ${PER_CHAT_PER_SECOND}/s per chat`, [
      { figure: 'replies accepted by the API (s)', value: acceptedAt / 1000 },
      { figure: 'time to drain (s)', value: drainSeconds },
      { figure: 'theoretical minimum (s, baseline)', value: minimum },
      { figure: 'drain / minimum', value: (drainSeconds / minimum).toFixed(3) },
      { figure: '429 answers from the fake', value: fake.floodErrors },
    ]);
  } finally {
    await stack.stop();
    await fake.close();
  }
}
