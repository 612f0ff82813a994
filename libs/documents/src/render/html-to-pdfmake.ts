import type { HtmlElement, HtmlNode } from './html-tree.js';
import { parseHtml, sanitizeDocumentHtml } from './html-tree.js';

/** The parts of pdfmake's document definition the converter produces. */
export type PdfInline = string | PdfTextNode;
export interface PdfTextNode {
  text: string | PdfInline[];
  bold?: boolean;
  italics?: boolean;
  decoration?: 'underline';
  alignment?: Alignment;
  style?: string;
  colSpan?: number;
  margin?: [number, number, number, number];
}
export type PdfContent = PdfTextNode | Record<string, unknown>;
type Alignment = 'left' | 'right' | 'center' | 'justify';

interface InlineStyle {
  bold?: boolean;
  italics?: boolean;
  decoration?: 'underline';
}

const BLOCK_TAGS = new Set(['h1', 'h2', 'h3', 'p', 'div', 'hr', 'table', 'ul', 'ol', 'li', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td']);
const HEADINGS: Record<string, string> = { h1: 'h1', h2: 'h2', h3: 'h3' };

const isBlock = (node: HtmlNode) => node.type === 'element' && BLOCK_TAGS.has(node.tag);

/** text-align and font-weight from a style attribute; anything more elaborate is ignored. */
export function styleOf(attrs: Record<string, string>): { alignment?: Alignment; bold?: boolean } {
  const result: { alignment?: Alignment; bold?: boolean } = {};
  for (const declaration of (attrs.style ?? '').split(';')) {
    const [property, raw] = declaration.split(':').map((part) => part?.trim().toLowerCase());
    if (!property || !raw) continue;
    if (property === 'text-align' && /^(left|right|center|justify)$/.test(raw)) result.alignment = raw as Alignment;
    if (property === 'font-weight') result.bold = raw === 'bold' || (/^\d00$/.test(raw) && Number(raw) >= 600);
  }
  return result;
}

function inlineStyleOf(element: HtmlElement, inherited: InlineStyle): InlineStyle {
  const style = { ...inherited };
  if (element.tag === 'strong' || element.tag === 'b') style.bold = true;
  if (element.tag === 'em' || element.tag === 'i') style.italics = true;
  if (element.tag === 'u') style.decoration = 'underline';
  const fromAttr = styleOf(element.attrs).bold;
  if (fromAttr !== undefined) style.bold = fromAttr;
  return style;
}

/** Inline content as pdfmake text runs, whitespace collapsed like a browser does. */
function inlines(nodes: HtmlNode[], style: InlineStyle = {}): PdfInline[] {
  const runs: PdfInline[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      // Only HTML whitespace collapses; a no-break space stays.
      const text = node.text.replace(/[ \t\n\r\f]+/g, ' ');
      if (text) runs.push(Object.keys(style).length ? { text, ...style } : text);
    } else if (node.tag === 'br') {
      runs.push('\n');
    } else {
      runs.push(...inlines(node.children, inlineStyleOf(node, style)));
    }
  }
  return runs;
}

/** Trims the paragraph's outer whitespace and merges neighbouring plain strings. */
function tidy(runs: PdfInline[]): PdfInline[] {
  const textOf = (run: PdfInline) => (typeof run === 'string' ? run : (run.text as string));
  const setText = (index: number, text: string) => {
    const run = runs[index];
    runs[index] = typeof run === 'string' ? text : { ...run, text };
  };
  if (runs.length) {
    setText(0, textOf(runs[0]).replace(/^ +/, ''));
    setText(runs.length - 1, textOf(runs[runs.length - 1]).replace(/ +$/, ''));
  }
  const merged: PdfInline[] = [];
  for (const run of runs) {
    const previous = merged[merged.length - 1];
    if (typeof run === 'string' && typeof previous === 'string') merged[merged.length - 1] = previous + run;
    else if (textOf(run) !== '') merged.push(run);
  }
  return merged;
}

function paragraph(nodes: HtmlNode[], extra: Partial<PdfTextNode> = {}, style: InlineStyle = {}): PdfTextNode | null {
  const runs = tidy(inlines(nodes, style));
  if (!runs.length) return null;
  if (runs.length > 1) return { text: runs, ...extra };
  const [only] = runs;
  return typeof only === 'string' ? { text: only, ...extra } : { ...only, ...extra };
}

/** Block content: runs of inline nodes become paragraphs, block elements their pdfmake counterparts. */
function blocks(nodes: HtmlNode[], style: InlineStyle = {}): PdfContent[] {
  const content: PdfContent[] = [];
  let pending: HtmlNode[] = [];
  const flush = () => {
    const block = paragraph(pending, {}, style);
    if (block) content.push(block);
    pending = [];
  };
  for (const node of nodes) {
    if (!isBlock(node)) {
      pending.push(node);
      continue;
    }
    flush();
    const converted = block(node as HtmlElement, style);
    if (converted) content.push(converted);
  }
  flush();
  return content;
}

function container(element: HtmlElement, style: InlineStyle, extra: Partial<PdfTextNode> = {}): PdfContent | null {
  const inner = inlineStyleOf(element, style);
  const { alignment } = styleOf(element.attrs);
  const withAlignment = { ...extra, ...(alignment ? { alignment } : {}) };
  if (!element.children.some(isBlock)) return paragraph(element.children, withAlignment, inner);
  const stack = blocks(element.children, inner);
  return stack.length ? { stack, ...withAlignment } : null;
}

function block(element: HtmlElement, style: InlineStyle): PdfContent | null {
  switch (element.tag) {
    case 'h1':
    case 'h2':
    case 'h3':
      return container(element, style, { style: HEADINGS[element.tag] });
    case 'p':
      return container(element, style, { style: 'paragraph' });
    case 'hr':
      return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 515, y2: 0, lineWidth: 0.5 }], margin: [0, 4, 0, 8] };
    case 'ul':
    case 'ol':
      return list(element, style);
    case 'table':
      return table(element);
    default:
      return container(element, style);
  }
}

function list(element: HtmlElement, style: InlineStyle): PdfContent | null {
  const items = element.children
    .filter((child): child is HtmlElement => child.type === 'element' && child.tag === 'li')
    .map((li) => container(li, style) ?? '');
  if (!items.length) return null;
  return { [element.tag]: items, margin: [0, 0, 0, 6] };
}

interface Row {
  cells: PdfContent[];
  header: boolean;
}

function rowsOf(element: HtmlElement, inHead: boolean): Row[] {
  const rows: Row[] = [];
  for (const child of element.children) {
    if (child.type !== 'element') continue;
    if (child.tag === 'thead' || child.tag === 'tbody' || child.tag === 'tfoot') rows.push(...rowsOf(child, child.tag === 'thead'));
    if (child.tag === 'tr') rows.push({ cells: cellsOf(child), header: inHead });
  }
  return rows;
}

function cellsOf(row: HtmlElement): PdfContent[] {
  const cells: PdfContent[] = [];
  for (const cell of row.children) {
    if (cell.type !== 'element' || (cell.tag !== 'td' && cell.tag !== 'th')) continue;
    const span = Math.min(Math.max(Number.parseInt(cell.attrs.colspan ?? '1', 10) || 1, 1), 50);
    const content = container(cell, cell.tag === 'th' ? { bold: true } : {}) ?? { text: '' };
    cells.push(span > 1 ? { ...content, colSpan: span } : content);
    // pdfmake wants a placeholder for each column a cell spans.
    for (let i = 1; i < span; i += 1) cells.push({});
  }
  return cells;
}

function plainLength(content: PdfContent): number {
  return JSON.stringify(content).length;
}

function table(element: HtmlElement): PdfContent | null {
  const rows = rowsOf(element, false);
  if (!rows.length) return null;
  const columns = Math.max(...rows.map((row) => row.cells.length));
  const body = rows.map((row) => [...row.cells, ...Array.from({ length: columns - row.cells.length }, () => ({ text: '' }))]);
  // The column with the longest text takes the free width; the others fit their content.
  const lengths = Array.from({ length: columns }, (_, column) => Math.max(...body.map((row) => ((row[column] as { colSpan?: number }).colSpan ? 0 : plainLength(row[column])))));
  const widest = lengths.indexOf(Math.max(...lengths));
  const widths = lengths.map((_, column) => (column === widest ? '*' : 'auto'));
  const headerRows = rows.findIndex((row) => !row.header);
  return { table: { headerRows: headerRows < 0 ? rows.length : headerRows, widths, body }, margin: [0, 4, 0, 10] };
}

/** Converts document HTML (sanitized first) into pdfmake content. */
export function htmlToPdfContent(html: string): PdfContent[] {
  return blocks(parseHtml(sanitizeDocumentHtml(html)));
}
