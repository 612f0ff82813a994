/**
 * Template variables: `{{ contact.name }}`, or with a fallback for a missing value `{{ contact.name | "клиент" }}`.
 * Rendering only looks values up by name; nothing in a template is ever evaluated.
 */
const VARIABLE = /\{\{\s*([\p{L}_][\p{L}\p{N}_-]*(?:\.[\p{L}\p{N}_-]+)*)\s*(?:\|\s*"([^"{}]*)"\s*)?\}\}/gu;

/** The variables a template may use; `contact.custom.<field>` reads the contact's custom field of that name. */
export const TEMPLATE_VARIABLES = [
  'contact.name',
  'contact.phone',
  'contact.email',
  'contact.custom.<field>',
  'agent.name',
  'agent.email',
  'deal.title',
  'deal.amount',
  'deal.currency',
  'deal.stage',
  'inbox.name',
  'business.opens_at',
  // Filled in marketing messages (campaigns, triggered messages): the contact's signed unsubscribe link.
  'unsubscribe_url',
  // Filled only in a "cart abandoned" triggered message, from the bot session's cart; empty (or the fallback) elsewhere.
  'cart.total',
  'cart.items',
] as const;

const FIXED = new Set<string>(TEMPLATE_VARIABLES.filter((v) => !v.includes('<')));
const CUSTOM_FIELD = /^contact\.custom\.[\p{L}\p{N}_-]+$/u;

export function isKnownVariable(path: string): boolean {
  return FIXED.has(path) || CUSTOM_FIELD.test(path);
}

/** The variable names a text uses, each once, in order of appearance. */
export function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]))];
}

export interface RenderedText {
  text: string;
  /** Variables without a value (rendered as their fallback, or as nothing). */
  missing: string[];
}

export function renderTemplate(body: string, values: ReadonlyMap<string, string>): RenderedText {
  const missing = new Set<string>();
  const text = body.replace(VARIABLE, (_whole, path: string, fallback: string | undefined) => {
    const value = values.get(path);
    if (value !== undefined && value !== '') return value;
    missing.add(path);
    return fallback ?? '';
  });
  return { text, missing: [...missing] };
}
