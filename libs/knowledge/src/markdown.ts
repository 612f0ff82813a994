import sanitizeHtml from 'sanitize-html';

/**
 * Article bodies are Markdown (a small, predictable subset: headings, paragraphs, lists, quotes, code,
 * bold, italic, links). Everything is escaped before formatting is applied, and the result is sanitized
 * again, so an article can never carry a script or an event handler to the help center.
 */
export function renderMarkdown(markdown: string): string {
  return sanitize(blocksToHtml(markdown.replace(/\r\n?/g, '\n')));
}

/** Plain text of a Markdown body: for search and for short previews. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const ALLOWED = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'strong', 'em', 'a', 'br'],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
} satisfies sanitizeHtml.IOptions;

function sanitize(html: string): string {
  return sanitizeHtml(html, ALLOWED);
}

type Block = { kind: 'p' | 'quote'; lines: string[] } | { kind: 'ul' | 'ol'; items: string[] } | { kind: 'code'; lines: string[] } | { kind: 'h'; level: number; text: string };

function blocksToHtml(source: string): string {
  const blocks: Block[] = [];
  const lines = source.split('\n');
  let current = null as Block | null;
  const close = () => {
    if (current) blocks.push(current);
    current = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (current?.kind === 'code') {
      if (/^\s*```/.test(line)) close();
      else current.lines.push(line);
      continue;
    }
    if (/^\s*```/.test(line)) {
      close();
      current = { kind: 'code', lines: [] };
      continue;
    }
    if (!line.trim()) {
      close();
      continue;
    }
    const heading = /^\s{0,3}(#{1,4})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      close();
      // The page's own title is the h1: article headings start at h2.
      blocks.push({ kind: 'h', level: Math.min(heading[1]!.length + 1, 4), text: heading[2]! });
      continue;
    }
    const bullet = /^\s{0,3}[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s{0,3}\d+[.)]\s+(.*)$/.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const kind = bullet ? 'ul' : 'ol';
      if (current?.kind !== kind) {
        close();
        current = { kind, items: [] };
      }
      (current as { items: string[] }).items.push(item[1]!);
      continue;
    }
    const quote = /^\s{0,3}>\s?(.*)$/.exec(line);
    if (quote) {
      if (current?.kind !== 'quote') {
        close();
        current = { kind: 'quote', lines: [] };
      }
      current.lines.push(quote[1]!);
      continue;
    }
    if ((current?.kind === 'ul' || current?.kind === 'ol') && /^\s{2,}\S/.test(line)) {
      const items = current.items;
      items[items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    if (current?.kind !== 'p') {
      close();
      current = { kind: 'p', lines: [] };
    }
    current.lines.push(line.trim());
  }
  close();
  return blocks.map(blockHtml).join('\n');
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'h':
      return `<h${block.level}>${inline(block.text)}</h${block.level}>`;
    case 'p':
      return `<p>${block.lines.map(inline).join('<br>')}</p>`;
    case 'quote':
      return `<blockquote><p>${block.lines.map(inline).join('<br>')}</p></blockquote>`;
    case 'ul':
    case 'ol':
      return `<${block.kind}>${block.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${block.kind}>`;
    case 'code':
      return `<pre><code>${escapeHtml(block.lines.join('\n'))}</code></pre>`;
  }
}

const SAFE_URL = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i;

function inline(text: string): string {
  const codes: string[] = [];
  // Code spans are kept aside (behind private-use placeholders) so that nothing inside them is formatted.
  let html = escapeHtml(text.replace(/[\uE000\uE001]/g, '')).replace(/`([^`]+)`/g, (_, code: string) => {
    codes.push(`<code>${code}</code>`);
    return `\uE000${codes.length - 1}\uE001`;
  });
  html = html
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, label: string, url: string) => {
      const href = url.replace(/&amp;/g, '&');
      return SAFE_URL.test(href) ? `<a href="${escapeHtml(href)}">${label}</a>` : label;
    })
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_, a?: string, b?: string) => `<strong>${a ?? b}</strong>`)
    .replace(/(^|[^\w*])\*([^*\s][^*]*)\*(?!\w)|(^|[^\w])_([^_\s][^_]*)_(?!\w)/g, (_, p1?: string, a?: string, p2?: string, b?: string) => `${p1 ?? p2 ?? ''}<em>${a ?? b}</em>`);
  return html.replace(/\uE000(\d+)\uE001/g, (_, i: string) => codes[Number(i)]!);
}
