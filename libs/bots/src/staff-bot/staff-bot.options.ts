export interface StaffBotOptions {
  token?: string;
  apiRoot?: string;
  appSecret: string;
  publicUrl?: string;
  /** Only a process that runs jobs polls the staff bot, so two processes never compete for its updates. */
  polls: boolean;
}

export const STAFF_BOT_OPTIONS = Symbol('STAFF_BOT_OPTIONS');
