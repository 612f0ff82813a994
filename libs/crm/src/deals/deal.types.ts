import type { Deal, DealLineItem, PipelineStage } from '@app/db';

/** A deal as the API shows it (the search column is internal). */
export type DealRecord = Omit<Deal, 'searchText'>;

export interface DealDetails extends DealRecord {
  lineItems: DealLineItem[];
  stage: Pick<PipelineStage, 'id' | 'name' | 'kind' | 'probability'> | null;
  contact: { id: string; name: string; phones: string[]; emails: string[] } | null;
  company: { id: string; name: string } | null;
}

export interface LineItemInput {
  name: string;
  sku?: string | null;
  /** Decimal strings or numbers; computed exactly. */
  quantity: string | number;
  unitPrice: string | number;
}

/** What a caller may set on a deal; amounts are decimal strings (or numbers) and are never computed with floats. */
export interface DealInput {
  title?: string;
  amount?: string;
  currency?: string;
  pipelineId?: string;
  stageId?: string;
  contactId?: string | null;
  companyId?: string | null;
  ownerId?: string | null;
  sourceInboxId?: string | null;
  expectedCloseDate?: Date | null;
  lostReason?: string | null;
  customFields?: Record<string, unknown>;
  lineItems?: LineItemInput[];
}

export interface DealFilters {
  q?: string;
  pipelineId?: string;
  stageId?: string;
  status?: Deal['status'];
  contactId?: string;
  companyId?: string;
  ownerId?: string;
  cursor?: string;
  limit: number;
}
