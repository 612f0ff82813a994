/** What the template picker knows of a template to find it. */
export interface PickableTemplate {
  shortCode: string;
  name: string;
  body: string;
}

/** The search after a slash when the whole reply is "/code" (no spaces yet); otherwise null. */
export function slashQuery(text: string): string | null {
  const match = /^\/(\S*)$/u.exec(text);
  return match ? match[1] : null;
}

const fold = (text: string) => text.toLocaleLowerCase('ru').replace(/ё/g, 'е');

/**
 * Templates matching what was typed, best first: the exact short code, short codes starting with it,
 * containing it, then names and texts containing it.
 */
export function filterTemplates<T extends PickableTemplate>(templates: readonly T[], query: string, limit = 8): T[] {
  const q = fold(query.trim().replace(/^\//, ''));
  const rank = (t: T): number => {
    if (!q) return 0;
    const code = fold(t.shortCode);
    if (code === q) return 0;
    if (code.startsWith(q)) return 1;
    if (code.includes(q)) return 2;
    if (fold(t.name).includes(q)) return 3;
    if (fold(t.body).includes(q)) return 4;
    return -1;
  };
  return templates
    .map((template) => ({ template, rank: rank(template) }))
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.template.shortCode.localeCompare(b.template.shortCode))
    .slice(0, limit)
    .map((x) => x.template);
}

/** The composer's text after a template is chosen: it replaces a "/code" search, or joins what was written. */
export function insertTemplateText(current: string, rendered: string, fromSlash: boolean): string {
  if (fromSlash || !current.trim()) return rendered;
  return current.endsWith('\n') || current.endsWith(' ') ? current + rendered : `${current} ${rendered}`;
}
