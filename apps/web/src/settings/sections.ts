import type { ComponentType } from 'react';
import type { MessageKey } from '@app/i18n';
import type { Role } from '../api/types.js';
import { ApiKeysSettings } from './api-keys-settings.js';
import { AssignmentSettings } from './assignment-settings.js';
import { AutomationSettings } from './automation-settings.js';
import { BlacklistSettings } from './blacklist-settings.js';
import { DocumentsSettings } from './documents-settings.js';
import { InboxesSettings } from './inboxes-settings.js';
import { ProfileSettings } from './profile-settings.js';
import { TeamsSettings } from './teams-settings.js';
import { TemplatesSettings } from './templates-settings.js';
import { SlaSettings } from './sla-settings.js';
import { UsersSettings } from './users-settings.js';

/** What a section screen gets from the route /settings/:section/:id. */
export interface SectionProps {
  /** The item open in the section ("new" for the create form), or null for its list. */
  id: string | null;
}

export interface SettingsSection {
  /** The path segment: /settings/<id>. */
  id: string;
  labelKey: MessageKey;
  /** Who sees the section in the menu and may open it. */
  roles: readonly Role[];
  component: ComponentType<SectionProps>;
}

const MANAGERS: readonly Role[] = ['admin', 'supervisor'];
const ADMINS: readonly Role[] = ['admin'];

/** The settings menu, in order; a new section is one entry here. */
export const SECTIONS: SettingsSection[] = [
  { id: 'profile', labelKey: 'ui.settings.section.profile', roles: ['admin', 'supervisor', 'agent'], component: ProfileSettings },
  { id: 'inboxes', labelKey: 'ui.settings.section.inboxes', roles: MANAGERS, component: InboxesSettings },
  { id: 'teams', labelKey: 'ui.settings.section.teams', roles: MANAGERS, component: TeamsSettings },
  { id: 'users', labelKey: 'ui.settings.section.users', roles: MANAGERS, component: UsersSettings },
  { id: 'assignment', labelKey: 'ui.settings.section.assignment', roles: MANAGERS, component: AssignmentSettings },
  { id: 'blacklist', labelKey: 'ui.settings.section.blacklist', roles: MANAGERS, component: BlacklistSettings },
  { id: 'templates', labelKey: 'ui.settings.section.templates', roles: MANAGERS, component: TemplatesSettings },
  { id: 'sla', labelKey: 'ui.sla.title', roles: MANAGERS, component: SlaSettings },
  { id: 'documents', labelKey: 'ui.settings.section.documents', roles: ADMINS, component: DocumentsSettings },
  { id: 'automation', labelKey: 'ui.settings.section.automation', roles: ADMINS, component: AutomationSettings },
  { id: 'api-keys', labelKey: 'ui.settings.section.api_keys', roles: ADMINS, component: ApiKeysSettings },
];

export function sectionsFor(role: Role | undefined): SettingsSection[] {
  return role ? SECTIONS.filter((s) => s.roles.includes(role)) : [];
}
