import { Injectable } from '@nestjs/common';
import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import { apiKeys, InjectDb, toPage, type Db, type Page, type UserRole } from '@app/db';

/** What lists show of a key: never the hash. */
const listed = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  role: apiKeys.role,
  createdById: apiKeys.createdById,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdAt: apiKeys.createdAt,
};

export interface ListedApiKey {
  id: string;
  name: string;
  prefix: string;
  role: UserRole;
  createdById: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(cursor: string | undefined, limit: number): Promise<Page<ListedApiKey>> {
    const rows = await this.db
      .select(listed)
      .from(apiKeys)
      .where(cursor ? lt(apiKeys.id, cursor) : undefined)
      .orderBy(desc(apiKeys.id))
      .limit(limit + 1);
    return toPage(rows, limit);
  }

  async create(values: { name: string; role: UserRole; prefix: string; keyHash: string; createdById: string | null }): Promise<ListedApiKey> {
    const [row] = await this.db.insert(apiKeys).values(values).returning(listed);
    return row;
  }

  async findById(id: string): Promise<ListedApiKey | undefined> {
    const [row] = await this.db.select(listed).from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
    return row;
  }

  /** Sets revoked_at unless already set; answers the key only when this call revoked it. */
  async revoke(id: string): Promise<ListedApiKey | undefined> {
    const [row] = await this.db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning(listed);
    return row;
  }
}
