import { Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { InjectDb, reusableStatement, routingSettings, senderFloodWindows, type Db, type Executor } from '@app/db';
import { ReadCache } from '@app/queue';
import type { FloodSettings } from './dto/blacklist.dto.js';

const WINDOW = sql`interval '60 seconds'`;
const FLOOD_KEY = 'flood_protection';
export const DEFAULT_FLOOD_SETTINGS: FloodSettings = { enabled: true, maxMessagesPerMinute: 30 };

/** Counts each sender's messages per one-minute window, and keeps the flood protection settings. */
@Injectable()
export class FloodRepository {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly cache: ReadCache,
  ) {}

  /** Counts one more message of the sender and answers how many they sent in the current window. */
  async count(executor: Executor, contactId: string, now: Date): Promise<number> {
    const [row] = await countStatement(executor, { contactId, now: now.toISOString() });
    return row.count;
  }

  /** Read for every incoming message, so cached; read through `executor` (a transaction on PGlite's one connection). */
  settings(executor: Executor = this.db): Promise<FloodSettings> {
    return this.cache.get(`routing-settings:${FLOOD_KEY}`, async () => {
      const [row] = await executor.select({ value: routingSettings.value }).from(routingSettings).where(eq(routingSettings.key, FLOOD_KEY)).limit(1);
      return { ...DEFAULT_FLOOD_SETTINGS, ...(row?.value as Partial<FloodSettings> | undefined) };
    });
  }

  async saveSettings(settings: FloodSettings, userId: string | null): Promise<FloodSettings> {
    const value = { ...settings } as Record<string, unknown>;
    await this.db
      .insert(routingSettings)
      .values({ key: FLOOD_KEY, value, updatedById: userId })
      .onConflictDoUpdate({ target: routingSettings.key, set: { value, updatedById: userId, updatedAt: new Date() } });
    this.cache.invalidate(`routing-settings:${FLOOD_KEY}`);
    return settings;
  }
}

/** Runs on every incoming message, so built once (see reusableStatement); `now` is an ISO string. */
const countStatement = reusableStatement<{ contactId: string; now: string }, Array<{ count: number }>>((executor) => {
  const now = sql.placeholder('now');
  const inWindow = sql`${senderFloodWindows.windowStartedAt} > ${now}::timestamptz - ${WINDOW}`;
  return executor
    .insert(senderFloodWindows)
    .values({ contactId: sql.placeholder('contactId'), windowStartedAt: sql`${now}::timestamptz`, messageCount: 1 })
    .onConflictDoUpdate({
      target: senderFloodWindows.contactId,
      set: {
        messageCount: sql`case when ${inWindow} then ${senderFloodWindows.messageCount} + 1 else 1 end`,
        windowStartedAt: sql`case when ${inWindow} then ${senderFloodWindows.windowStartedAt} else excluded.window_started_at end`,
      },
    })
    .returning({ count: senderFloodWindows.messageCount });
});
