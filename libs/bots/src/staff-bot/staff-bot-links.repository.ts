import { Injectable } from '@nestjs/common';
import { eq, inArray } from 'drizzle-orm';
import { InjectDb, staffBotLinks, type Db, type StaffBotLinkRow } from '@app/db';

@Injectable()
export class StaffBotLinksRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async find(userId: string): Promise<StaffBotLinkRow | undefined> {
    const [row] = await this.db.select().from(staffBotLinks).where(eq(staffBotLinks.userId, userId)).limit(1);
    return row;
  }

  of(userIds: string[]): Promise<StaffBotLinkRow[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.db.select().from(staffBotLinks).where(inArray(staffBotLinks.userId, userIds));
  }

  all(): Promise<StaffBotLinkRow[]> {
    return this.db.select().from(staffBotLinks);
  }

  /** One chat per user: linking again moves the notifications to the new chat. */
  async link(userId: string, chatId: string): Promise<void> {
    await this.db
      .insert(staffBotLinks)
      .values({ userId, chatId, linkedAt: new Date() })
      .onConflictDoUpdate({ target: staffBotLinks.userId, set: { chatId, linkedAt: new Date() } });
  }

  async unlink(userId: string): Promise<void> {
    await this.db.delete(staffBotLinks).where(eq(staffBotLinks.userId, userId));
  }
}
