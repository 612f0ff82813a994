import { describe, expect, it } from 'vitest';
import { renderDemoPage } from './demo-page.js';

const widget = { name: 'Сайт <b>', widgetToken: 'tok-123', allowedOrigins: ['http://localhost:3000'] };

describe('renderDemoPage', () => {
  it('embeds the widget with one script tag when the inbox allows the page origin', () => {
    const html = renderDemoPage({ locale: 'ru', origin: 'http://localhost:3000', widgetBuilt: true, widget });
    expect(html).toContain('<script src="/widget.js" data-token="tok-123" async></script>');
    expect(html).toContain('Сайт &lt;b&gt;');
    expect(html).not.toContain('class="note"');
  });

  it('says how to create a web-chat inbox when there is none', () => {
    const html = renderDemoPage({ locale: 'en', origin: 'http://localhost:3000', widgetBuilt: true, widget: null });
    expect(html).toContain('POST /api/inboxes');
    expect(html).toContain('&quot;allowedOrigins&quot;:[&quot;http://localhost:3000&quot;]');
    expect(html).not.toContain('widget.js" data-token');
  });

  it('warns that the widget will be refused when the page origin is not allowed, and when the widget is not built', () => {
    const html = renderDemoPage({ locale: 'en', origin: 'http://127.0.0.1:3000', widgetBuilt: false, widget });
    expect(html).toContain("origin http://127.0.0.1:3000 is not among the inbox's allowed origins".replace("'", '&#39;'));
    expect(html).toContain('npm run build');
    expect(html).not.toContain('<script src="/widget.js"');
  });
});
