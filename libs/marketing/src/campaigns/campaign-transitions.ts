import { DomainException, ErrorCode } from '@app/common';
import type { CampaignAction, CampaignStatus } from './campaign.types.js';

type Transition = Exclude<CampaignAction, 'edit' | 'delete'>;

/** Where each action may start from; launch goes on to scheduled or running depending on its time. */
const FROM: Record<Transition, readonly CampaignStatus[]> = {
  launch: ['draft'],
  pause: ['running', 'scheduled'],
  resume: ['paused'],
  cancel: ['scheduled', 'running', 'paused'],
};

/** What can still change while a campaign is in each status: everything in a draft, only name and cost once it is launched. */
const FULLY_EDITABLE: readonly CampaignStatus[] = ['draft', 'scheduled'];
const DELETABLE: readonly CampaignStatus[] = ['draft', 'completed', 'cancelled'];

export function canApply(action: CampaignAction, status: CampaignStatus, changes: readonly string[] = []): boolean {
  if (action === 'edit') return FULLY_EDITABLE.includes(status) || changes.every((field) => field === 'name' || field === 'cost');
  if (action === 'delete') return DELETABLE.includes(status);
  return FROM[action].includes(status);
}

export function assertCanApply(action: CampaignAction, status: CampaignStatus, changes: readonly string[] = []): void {
  if (canApply(action, status, changes)) return;
  throw new DomainException(ErrorCode.CampaignTransitionInvalid, {
    params: { status: `campaigns.status.${status}`, action: `campaigns.action.${action}` },
    details: { status, action },
  });
}

/** The actions a client may offer for a campaign in this status (its buttons). */
export function actionsFor(status: CampaignStatus): Transition[] {
  return (Object.keys(FROM) as Transition[]).filter((action) => FROM[action].includes(status));
}
