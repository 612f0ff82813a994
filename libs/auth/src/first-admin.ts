import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { users, type Db } from '@app/db';
import { hashPassword } from './password.js';

/**
 * Creates the first administrator when the workspace has no users. Without a configured password one is
 * generated and returned, so the caller can print it once.
 */
export async function ensureFirstAdmin(
  db: Db,
  email: string,
  password: string | undefined,
): Promise<{ created: boolean; email: string; generatedPassword?: string }> {
  const [{ value }] = await db.select({ value: count() }).from(users);
  if (value > 0) return { created: false, email };
  const generatedPassword = password ? undefined : randomBytes(9).toString('base64url');
  const normalized = email.trim().toLowerCase();
  await db
    .insert(users)
    .values({ email: normalized, name: 'Administrator', role: 'admin', passwordHash: await hashPassword(password ?? generatedPassword!) })
    .onConflictDoNothing();
  const [created] = await db.select({ id: users.id }).from(users).where(eq(users.email, normalized));
  return { created: Boolean(created), email: normalized, generatedPassword };
}
