import { Injectable } from '@nestjs/common';
import { DomainException, ErrorCode, foldForSearch, notFound } from '@app/common';
import type { SlaPolicy, SlaPolicyList } from '../reports.contract.js';
import type { CreateSlaPolicyInput, UpdateSlaPolicyInput } from './dto/sla-policy.dto.js';
import { SlaPoliciesRepository } from './sla-policies.repository.js';
import { toSlaPolicy } from './sla-policy-view.js';

type Targets = Pick<SlaPolicy, 'firstResponseSeconds' | 'nextResponseSeconds' | 'resolutionSeconds'>;

function assertHasTarget(p: Targets) {
  if (p.firstResponseSeconds === null && p.nextResponseSeconds === null && p.resolutionSeconds === null) throw new DomainException(ErrorCode.SlaPolicyEmpty);
}

/** SLA policies; changes apply to conversations that start being measured afterwards. */
@Injectable()
export class SlaPoliciesService {
  constructor(private readonly policies: SlaPoliciesRepository) {}

  async list(query: { q?: string; cursor?: string; limit: number }): Promise<SlaPolicyList> {
    const term = query.q ? foldForSearch(query.q) : '';
    const matching = (await this.policies.all()).filter((p) => (!term || foldForSearch(p.name).includes(term)) && (!query.cursor || p.id < query.cursor));
    const items = matching.slice(0, query.limit);
    return { items: items.map(toSlaPolicy), nextCursor: matching.length > query.limit ? items[items.length - 1].id : null };
  }

  async get(id: string): Promise<SlaPolicy> {
    const row = await this.policies.find(id);
    if (!row) throw notFound('entity.sla_policy', id);
    return toSlaPolicy(row);
  }

  async create(input: CreateSlaPolicyInput): Promise<SlaPolicy> {
    assertHasTarget(input);
    const position = input.position ?? (await this.policies.nextPosition());
    return toSlaPolicy(await this.policies.insert({ ...input, position }));
  }

  async update(id: string, input: UpdateSlaPolicyInput): Promise<SlaPolicy> {
    const current = await this.get(id);
    assertHasTarget({ ...current, ...input });
    const row = await this.policies.update(id, input);
    if (!row) throw notFound('entity.sla_policy', id);
    return toSlaPolicy(row);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.policies.delete(id))) throw notFound('entity.sla_policy', id);
  }
}
