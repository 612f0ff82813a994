import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@app/auth';
import { notFound } from '@app/common';
import type { Page, SegmentRow } from '@app/db';
import { SegmentsPort } from '../marketing.contract.js';
import { segmentFilterSchema, type SegmentFilter } from './dto/segment-filter.dto.js';
import type { ListSegmentsQuery, SaveSegmentBody, SegmentContactsQuery, UpdateSegmentBody } from './dto/segment.dto.js';
import { SegmentsRepository, type SegmentContact, type SegmentFigures } from './segments.repository.js';

export type SegmentView = Omit<SegmentRow, 'searchText' | 'filter'> & { filter: SegmentFilter };

const PREVIEW_SAMPLE = 10;

/** Saved filters over contacts: their contacts now, counted, paged and summed up. */
@Injectable()
export class SegmentsService implements SegmentsPort {
  constructor(private readonly repository: SegmentsRepository) {}

  async list(query: ListSegmentsQuery): Promise<Page<SegmentView>> {
    const page = await this.repository.list(query.q, query.cursor, query.limit);
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<SegmentView> {
    return toView(await this.requireRow(id));
  }

  async create(user: AuthUser, body: SaveSegmentBody): Promise<SegmentView> {
    return toView(await this.repository.insert({ name: body.name, description: body.description ?? null, filter: body.filter, createdBy: user.kind === 'user' ? user.id : null }));
  }

  async update(id: string, body: UpdateSegmentBody): Promise<SegmentView> {
    const current = toView(await this.requireRow(id));
    const row = await this.repository.update(id, {
      name: body.name ?? current.name,
      description: body.description === undefined ? current.description : body.description,
      filter: body.filter ?? current.filter,
    });
    if (!row) throw notFound('entity.segment', id);
    return toView(row);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.repository.delete(id))) throw notFound('entity.segment', id);
  }

  /** What a filter being edited selects: the count and a few contacts. */
  async preview(filter: SegmentFilter): Promise<{ count: number; sample: SegmentContact[] }> {
    const [count, sample] = await Promise.all([this.repository.count(filter), this.repository.contacts(filter, undefined, PREVIEW_SAMPLE)]);
    return { count, sample: sample.items };
  }

  async contacts(id: string, query: SegmentContactsQuery): Promise<Page<SegmentContact>> {
    return this.repository.contacts(await this.filterOf(id), query.cursor, query.limit);
  }

  async report(id: string): Promise<SegmentFigures> {
    return this.repository.figures(await this.filterOf(id));
  }

  async page(segmentId: string, afterId: string | null, limit: number): Promise<string[]> {
    return this.repository.idsAfter(await this.filterOf(segmentId), afterId, limit);
  }

  async count(segmentId: string): Promise<number> {
    return this.repository.count(await this.filterOf(segmentId));
  }

  async has(segmentId: string, contactId: string): Promise<boolean> {
    return this.repository.has(await this.filterOf(segmentId), contactId);
  }

  async require(segmentId: string): Promise<{ id: string; name: string }> {
    const row = await this.requireRow(segmentId);
    return { id: row.id, name: row.name };
  }

  private async filterOf(id: string): Promise<SegmentFilter> {
    return toView(await this.requireRow(id)).filter;
  }

  private async requireRow(id: string): Promise<SegmentRow> {
    const row = await this.repository.findById(id);
    if (!row) throw notFound('entity.segment', id);
    return row;
  }
}

/** Stored filters were valid when saved; parsing again fills defaults added since. */
function toView({ searchText: _searchText, filter, ...row }: SegmentRow): SegmentView {
  return { ...row, filter: segmentFilterSchema.parse(filter) };
}
