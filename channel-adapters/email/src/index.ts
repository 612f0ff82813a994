export { EmailChannelAdapter, type EmailChannelAdapterOptions } from './email.adapter.js';
export { readEmailSettings, DEFAULT_INITIAL_SYNC_DAYS, type EmailChannelSettings, type MailServerSettings } from './email.settings.js';
export { emailToEvents, type EmailMessageAttributes, type EmailParseOptions, type EmailWarning } from './mime/parse-email.js';
export { sanitizeEmailHtml, CID_ATTRIBUTE, FOLD_ATTRIBUTE, REMOTE_SRC_ATTRIBUTE, type SanitizedHtml } from './html/sanitize-email-html.js';
export { type MailboxCursor, type FolderCursor } from './imap/mailbox-cursor.js';
