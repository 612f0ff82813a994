/** Campaigns: list (id null) or one campaign. */
export function CampaignsSection({ id }: { id: string | null }) {
  void id;
  return null;
}
