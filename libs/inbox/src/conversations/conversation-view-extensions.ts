import { Injectable } from '@nestjs/common';

/** Loads one extra field of many conversation views with one query (keyed by conversation id). */
export type ConversationViewLoader = (conversationIds: string[]) => Promise<Map<string, unknown>>;

/**
 * Fields other parts of the product add to conversation views (the SLA clocks, the customer's rating),
 * loaded for a whole page at once so a list of 25 conversations costs one query per field, not 25.
 */
@Injectable()
export class ConversationViewExtensions {
  private readonly loaders = new Map<string, ConversationViewLoader>();

  register(field: string, loader: ConversationViewLoader): void {
    this.loaders.set(field, loader);
  }

  async extend<T extends { id: string }>(views: T[]): Promise<Array<T & Record<string, unknown>>> {
    if (views.length === 0 || this.loaders.size === 0) return views;
    const ids = views.map((v) => v.id);
    const fields = await Promise.all([...this.loaders].map(async ([field, load]) => [field, await load(ids)] as const));
    return views.map((view) => {
      const extra: Record<string, unknown> = {};
      for (const [field, values] of fields) extra[field] = values.get(view.id) ?? null;
      return { ...view, ...extra };
    });
  }
}
