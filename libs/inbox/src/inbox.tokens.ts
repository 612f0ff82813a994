/** The SecretBox that seals channel secrets, keyed from the application's APP_SECRET. */
export const INBOX_SECRET_BOX = Symbol('INBOX_SECRET_BOX');
