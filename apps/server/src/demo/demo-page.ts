import { t, type Locale } from '@app/i18n';

export interface DemoPageInput {
  locale: Locale;
  /** This page's own origin, as the browser sees it. */
  origin: string;
  widgetBuilt: boolean;
  widget: { name: string; widgetToken: string; allowedOrigins: string[] } | null;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A plain page that embeds the widget exactly as a customer's site would, with one script tag. */
export function renderDemoPage({ locale, origin, widgetBuilt, widget }: DemoPageInput): string {
  const tr = (key: Parameters<typeof t>[0], params: Record<string, string> = {}) => escapeHtml(t(key, params, locale));
  const notes: string[] = [];
  let embed = '';
  if (!widgetBuilt) notes.push(tr('widget.demo.notBuilt'));
  if (!widget) notes.push(tr('widget.demo.noInbox', { origin }));
  if (widget && !widget.allowedOrigins.includes(origin)) {
    notes.push(tr('widget.demo.originNotAllowed', { origin, allowed: widget.allowedOrigins.join(', ') || '—' }));
  }
  if (widget) {
    const tag = `<script src="${origin}/widget.js" data-token="${widget.widgetToken}" async></script>`;
    embed = `<p>${tr('widget.demo.intro', { name: widget.name })}</p>
    <p>${tr('widget.demo.embed')}</p>
    <pre><code>${escapeHtml(tag)}</code></pre>
    ${widgetBuilt ? `<script src="/widget.js" data-token="${escapeHtml(widget.widgetToken)}" async></script>` : ''}`;
  }
  return `<!doctype html>
<html lang="${locale}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${tr('widget.demo.title')}</title>
  <style>
    body { margin: 0; font: 16px/1.55 Georgia, 'Times New Roman', serif; color: #1d2433; background: #f4f1ea; }
    /* Left of the widget's window on a laptop screen, so both can be read at once. */
    main { max-width: 620px; margin: 0 auto 0 6vw; padding: 48px 24px 120px; }
    h1 { font-size: 32px; margin: 0 0 16px; }
    pre { background: #fff; border: 1px solid #ddd6c8; border-radius: 8px; padding: 12px 14px; overflow-x: auto; font-size: 13px; }
    .note { background: #fff4d6; border-left: 4px solid #e0a800; padding: 10px 14px; border-radius: 4px; }
    /* A site's own broad rules; the widget is unaffected because it lives in a shadow root. */
    button { background: #c0392b; color: #fff; font-family: serif; }
    div, p { letter-spacing: 0.01em; }
  </style>
</head>
<body>
  <main>
    <h1>${tr('widget.demo.title')}</h1>
    ${notes.map((note) => `<p class="note">${note}</p>`).join('\n    ')}
    ${embed}
  </main>
</body>
</html>
`;
}
