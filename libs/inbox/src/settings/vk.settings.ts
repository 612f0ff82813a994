import { z } from 'zod';
import { requestContext } from '@app/common';
import { t, type MessageKey } from '@app/i18n';
import { httpUrl, type InboxSettingsDefinition } from './settings-definition.js';

/** A field error that tells where in VK the value is found, in the request's language. */
const explained = (key: MessageKey) => ({ error: () => t(key, {}, requestContext.locale()) });

/** The id as VK shows it in several places: 123456789, -123456789, club123456789, public123456789 or the community's address. */
function groupIdOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const match = /^(?:https?:\/\/(?:m\.)?vk\.(?:com|ru)\/)?(?:club|public|-)?(\d{1,12})$/i.exec(value.trim());
  return match ? Number(match[1]) : value;
}

export const vkSettings = {
  schema: z.strictObject({
    groupId: z.preprocess(groupIdOf, z.int(explained('settings.vk.group_id')).positive(explained('settings.vk.group_id'))),
    /** Checked for presence only, like every secret (see secretString). */
    accessToken: z.string(explained('settings.vk.access_token')).min(1, explained('settings.vk.access_token')),
    /** The Callback API's secret key; connect refuses the Callback API without one. */
    secretKey: z.string(explained('settings.vk.secret_key')).min(1, explained('settings.vk.secret_key')).optional(),
    /** The string VK expects back when it confirms the Callback API server; VK shows it openly. */
    confirmationCode: z.string(explained('settings.vk.confirmation_code')).trim().min(1, explained('settings.vk.confirmation_code')).max(100, explained('settings.vk.confirmation_code')).optional(),
    /** Unset: the Callback API where PUBLIC_URL is set, Bots Long Poll where it is not; connect stores the choice. */
    mode: z.enum(['callback', 'longpoll'], explained('settings.vk.mode')).optional(),
    apiBaseUrl: httpUrl().check(z.url(explained('settings.vk.api_base_url'))).optional(),
    /** Learnt from groups.getById when the community is connected. */
    groupName: z.string().max(200).optional(),
    /** Fetched with groups.getCallbackConfirmationCode when confirmationCode is not given. */
    callbackConfirmationCode: z.string().max(100).optional(),
  }),
  secretPaths: ['accessToken', 'secretKey'],
  connected: ['groupName', 'callbackConfirmationCode'],
} satisfies InboxSettingsDefinition;
