import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';

export interface HtmlElement {
  type: 'element';
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}
export interface HtmlText {
  type: 'text';
  text: string;
}
export type HtmlNode = HtmlElement | HtmlText;

const ALLOWED_TAGS = ['h1', 'h2', 'h3', 'p', 'strong', 'b', 'em', 'i', 'u', 'br', 'hr', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'ul', 'ol', 'li', 'div', 'span'];

/** Only the markup a document can print survives: scripts, images, links and styles other than alignment and weight are dropped. */
export function sanitizeDocumentHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { '*': ['style'], td: ['style', 'colspan'], th: ['style', 'colspan'] },
    allowedStyles: {
      '*': {
        'text-align': [/^(left|right|center|justify)$/],
        'font-weight': [/^(normal|bold|[1-9]00)$/],
      },
    },
    disallowedTagsMode: 'discard',
  });
}

/** The element tree of (already sanitized) HTML. */
export function parseHtml(html: string): HtmlNode[] {
  const root: HtmlElement = { type: 'element', tag: '#root', attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        const element: HtmlElement = { type: 'element', tag, attrs, children: [] };
        stack[stack.length - 1].children.push(element);
        stack.push(element);
      },
      ontext(text) {
        stack[stack.length - 1].children.push({ type: 'text', text });
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return root.children;
}
