import { useApp } from '../../app-context.js';
import { CampaignDetail } from './campaign-detail.js';
import { CampaignEditor } from './campaign-editor.js';
import { CampaignList } from './campaign-list.js';

/** Campaigns: the list (id null), a new one (id "new"), or one campaign. */
export function CampaignsSection({ id }: { id: string | null }) {
  const { navigate } = useApp();
  const show = (next: string | null) => navigate({ page: 'marketing', section: 'campaigns', id: next });
  if (id === null) return <CampaignList />;
  if (id === 'new') return <CampaignEditor onCancel={() => show(null)} onSaved={(campaign) => show(campaign.id)} />;
  return <CampaignDetail key={id} id={id} />;
}
