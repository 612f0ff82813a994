import { Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
import { InjectDb, users, type Db, type User } from '@app/db';

@Injectable()
export class UsersRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async findById(id: string): Promise<User | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id)).limit(1);
    return row;
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
    return row;
  }

  /** The active user whose PBX extension this is. */
  async findByPhoneExtension(extension: string): Promise<User | undefined> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(and(eq(users.phoneExtension, extension.trim()), eq(users.active, true)))
      .limit(1);
    return row;
  }

  async touchLastLogin(id: string): Promise<void> {
    await this.db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, id));
  }
}
