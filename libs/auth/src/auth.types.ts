import type { UserRole } from '@app/db';

/** Who is calling: a signed-in person or an integration's API key. */
export interface AuthUser {
  kind: 'user' | 'api_key';
  /** The user's id, or the API key's id. */
  id: string;
  role: UserRole;
  email?: string;
  name: string;
  locale?: string;
}

export interface AccessTokenPayload {
  sub: string;
  role: UserRole;
  /** users.token_version when issued: bumping it revokes every older token. */
  ver: number;
}
