import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { htmlToPdfContent } from './html-to-pdfmake.js';

interface PdfMakeServer {
  setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
// Resolved from the installed package, so the built server finds the fonts as the sources do.
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const pdfmake = require('pdfmake') as PdfMakeServer;
pdfmake.setFonts({
  Roboto: {
    normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
});
// A template never fetches anything: no URLs, and no files but the fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));

const STYLES = {
  h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
  h2: { fontSize: 13, bold: true, margin: [0, 6, 0, 6] },
  h3: { fontSize: 11, bold: true, margin: [0, 4, 0, 4] },
  paragraph: { margin: [0, 0, 0, 6] },
};

/** Renders document HTML to a PDF (A4, Roboto, so Cyrillic prints) without a browser. */
export async function renderPdf(html: string, meta: { title: string }): Promise<Buffer> {
  const definition = {
    info: { title: meta.title, creator: 'Omnibox' },
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
    styles: STYLES,
    content: htmlToPdfContent(html),
  };
  return pdfmake.createPdf(definition).getBuffer();
}
