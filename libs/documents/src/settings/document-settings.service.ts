import { Injectable } from '@nestjs/common';
import type { DocumentSettingsInput } from '../dto/documents.dto.js';
import { DocumentSettingsRepository, type SellerRequisites } from './document-settings.repository.js';

/** The seller's requisites printed on every document. */
@Injectable()
export class DocumentSettingsService {
  constructor(private readonly settings: DocumentSettingsRepository) {}

  get(): Promise<SellerRequisites> {
    return this.settings.get();
  }

  update(input: DocumentSettingsInput): Promise<SellerRequisites> {
    return this.settings.save(input);
  }
}
