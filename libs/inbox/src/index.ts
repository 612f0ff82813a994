export { InboxModule, type InboxModuleOptions } from './inbox.module.js';
export { InboxesService, type InboxWithRevealedSecrets } from './inboxes.service.js';
export { webhookPathOf, type InboxView } from './inbox-view.js';
export { inboxSettingsRegistry, type InboxSettingsByType } from './settings/settings-registry.js';
export type { InboxSettingsDefinition } from './settings/settings-definition.js';
export type { InboxMember } from './inbox-members.repository.js';
