import { Injectable } from '@nestjs/common';
import { notFound } from '@app/common';
import type { Page } from '@app/db';
import { PhoneNormalizer } from '../phone-normalizer.service.js';
import { CompaniesRepository, type CompanyRecord, type CompanyValues } from './companies.repository.js';

export type CompanyInput = Partial<CompanyValues>;

/** Companies that contacts and deals belong to; the phone is kept in E.164 like contacts' phones. */
@Injectable()
export class CompaniesService {
  constructor(
    private readonly companies: CompaniesRepository,
    private readonly phones: PhoneNormalizer,
  ) {}

  list(query: { q?: string; cursor?: string; limit: number }): Promise<Page<CompanyRecord>> {
    return this.companies.list(query);
  }

  async get(id: string): Promise<CompanyRecord & { contactsCount: number }> {
    const company = await this.require(id);
    return { ...company, contactsCount: await this.companies.contactsCount(id) };
  }

  async require(id: string): Promise<CompanyRecord> {
    const company = await this.companies.findById(id);
    if (!company) throw notFound('entity.company', id);
    return company;
  }

  create(input: CompanyInput & { name: string }): Promise<CompanyRecord> {
    return this.companies.insert({
      name: input.name,
      domain: input.domain ?? null,
      phone: input.phone ? this.phones.normalize(input.phone) : null,
      address: input.address ?? null,
      customFields: input.customFields ?? {},
    });
  }

  async update(id: string, input: CompanyInput): Promise<CompanyRecord> {
    const current = await this.require(id);
    const phone = input.phone === undefined ? current.phone : input.phone && this.phones.normalize(input.phone);
    const updated = await this.companies.update(id, {
      name: input.name ?? current.name,
      domain: input.domain === undefined ? current.domain : input.domain,
      phone,
      address: input.address === undefined ? current.address : input.address,
      customFields: input.customFields ?? current.customFields,
    });
    if (!updated) throw notFound('entity.company', id);
    return updated;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.companies.delete(id))) throw notFound('entity.company', id);
  }
}
