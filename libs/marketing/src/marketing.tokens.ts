import type { Locale } from '@app/i18n';

export interface MarketingModuleOptions {
  /** Signs the unsubscribe links. */
  appSecret: string;
  /** Where the unsubscribe links point; without it they are paths on this server. */
  publicUrl?: string;
  /** The language of contacts without one, and of notes for the team. */
  defaultLocale: Locale;
}

export const MARKETING_OPTIONS = Symbol('MARKETING_OPTIONS');
