import type { FakeVkApi } from './fakes/vk-api.js';
import type { TestApp } from './test-app.js';

export const VK_SECRET_KEY = 'Sh0pCallbackKey2025';

/** Connects the fake VK community as a "vk" inbox, as an administrator does in the settings; answers its id. */
export async function createVkInbox(t: TestApp, adminToken: string, fake: FakeVkApi, settings: Record<string, unknown> = {}, name = 'ВКонтакте'): Promise<string> {
  const res = await t
    .http()
    .post('/api/inboxes')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ type: 'vk', name, settings: { groupId: fake.groupId, accessToken: fake.token, secretKey: VK_SECRET_KEY, apiBaseUrl: fake.apiBaseUrl, ...settings } });
  if (res.status !== 201) throw new Error(`creating the VK inbox failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Posts a Callback API event the way VK does: JSON with the secret inside the body. */
export function postCallback(t: TestApp, inboxId: string, event: object) {
  return t.http().post(`/webhooks/${inboxId}`).set('Content-Type', 'application/json').send(JSON.stringify(event));
}
