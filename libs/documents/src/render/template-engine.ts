/** Values a document template can print; `items` rows are printed by the {{#items}}…{{/items}} loop. */
export interface TemplateData {
  values: Record<string, string>;
  items: Array<Record<string, string>>;
}

export const TEMPLATE_VARIABLES = [
  'deal.title',
  'deal.amount',
  'deal.currency',
  'contact.name',
  'contact.phone',
  'contact.email',
  'company.name',
  'seller.company_name',
  'seller.tax_id',
  'seller.kpp',
  'seller.address',
  'seller.bank',
  'seller.account',
  'seller.bik',
  'seller.signatory',
  'document.number',
  'document.date',
  'document.title',
  'total',
  'total_in_words',
] as const;

export const ITEM_VARIABLES = ['index', 'name', 'sku', 'quantity', 'price', 'sum'] as const;

const SECTION = 'items';
const TAG = /\{\{\s*([#/]?)\s*([\w.]+)\s*\}\}/g;
const LOOP = /\{\{\s*#\s*items\s*\}\}([\s\S]*?)\{\{\s*\/\s*items\s*\}\}/g;

const known = new Set<string>(TEMPLATE_VARIABLES);
const knownInItems = new Set<string>([...TEMPLATE_VARIABLES, ...ITEM_VARIABLES]);

/** The variables (and sections) a template uses that the product cannot fill, in order of appearance; empty when it is fine. */
export function unknownVariables(html: string): string[] {
  const unknown = new Set<string>();
  const loops = html.replace(LOOP, (_whole, body: string) => {
    for (const [, marker, name] of body.matchAll(TAG)) if (marker || !knownInItems.has(name)) unknown.add(`${marker}${name}`);
    return '';
  });
  for (const [, marker, name] of loops.matchAll(TAG)) {
    // A section left unclosed (or closed without opening) is a broken loop, reported by its tag.
    if (marker) unknown.add(`${marker}${name}`);
    else if (!known.has(name)) unknown.add(name);
  }
  return [...unknown];
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function fill(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(TAG, (whole, marker: string, name: string) => {
    if (marker) return '';
    const value = lookup(name);
    return value === undefined ? '' : escapeHtml(value);
  });
}

/** Fills a template: every value is HTML-escaped, so customer data never becomes markup. */
export function renderTemplate(html: string, data: TemplateData): string {
  const withItems = html.replace(LOOP, (_whole, body: string) =>
    data.items.map((item) => fill(body, (name) => item[name] ?? data.values[name])).join(''),
  );
  return fill(withItems, (name) => (name === SECTION ? undefined : data.values[name]));
}
