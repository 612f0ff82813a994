import type { SlaPolicyRow } from '@app/db';
import type { SlaPolicy } from '../reports.contract.js';

export function toSlaPolicy(row: SlaPolicyRow): SlaPolicy {
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    position: row.position,
    firstResponseSeconds: row.firstResponseSeconds,
    nextResponseSeconds: row.nextResponseSeconds,
    resolutionSeconds: row.resolutionSeconds,
    businessHoursOnly: row.businessHoursOnly,
    warningPercent: row.warningPercent,
    conditions: row.conditions,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
