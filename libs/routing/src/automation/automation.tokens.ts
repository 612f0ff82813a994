/** The SecretBox that seals automation rules' webhook secrets. */
export const AUTOMATION_SECRET_BOX = Symbol('AUTOMATION_SECRET_BOX');
