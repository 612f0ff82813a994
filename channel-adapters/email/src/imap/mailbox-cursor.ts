/** Where the sync of one folder stands. */
export interface FolderCursor {
  /** The folder's UIDVALIDITY the UIDs below belong to (a decimal string: it may exceed 2^31). */
  uidValidity: string;
  /** Every message up to this UID has been handed over. */
  lastUid: number;
  /** A catch-up in progress (the first sync, or after a UIDVALIDITY change): done of total messages. */
  backlog?: { total: number; done: number; untilUid: number };
  /** When the folder was last found up to date; a new UIDVALIDITY is caught up from the day before. */
  checkedAt?: string;
}

/** The opaque cursor of an e-mail inbox's poll, stored by the core between polls. */
export interface MailboxCursor {
  version: 1;
  folders: Record<string, FolderCursor>;
}

export function readMailboxCursor(value: unknown): MailboxCursor {
  const cursor = value as Partial<MailboxCursor> | undefined;
  if (cursor?.version !== 1 || typeof cursor.folders !== 'object' || cursor.folders === null) return { version: 1, folders: {} };
  const folders: Record<string, FolderCursor> = {};
  for (const [name, folder] of Object.entries(cursor.folders)) {
    if (typeof folder?.uidValidity === 'string' && Number.isInteger(folder.lastUid)) folders[name] = folder;
  }
  return { version: 1, folders };
}

export function withFolder(cursor: MailboxCursor, name: string, folder: FolderCursor): MailboxCursor {
  return { version: 1, folders: { ...cursor.folders, [name]: folder } };
}
