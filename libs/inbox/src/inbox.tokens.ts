/** The SecretBox that seals channel secrets, keyed from the application's APP_SECRET. */
export const INBOX_SECRET_BOX = Symbol('INBOX_SECRET_BOX');

/** The AttachmentUrls that sign links to stored files, keyed from the application's APP_SECRET. */
export const ATTACHMENT_URLS = Symbol('ATTACHMENT_URLS');
