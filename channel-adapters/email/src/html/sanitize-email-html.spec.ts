import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from './sanitize-email-html.js';

const clean = (html: string) => sanitizeEmailHtml(html).html;

describe('sanitizeEmailHtml', () => {
  it('drops scripts with their content, event handlers and javascript: URLs', () => {
    const html = clean(
      '<div onmouseover="x()"><script>document.cookie</script><p onclick="steal()">Текст</p><a href="javascript:alert(1)">ссылка</a><a href="JaVaScRiPt&#58;alert(2)">вторая</a><img src=x onerror="alert(3)"></div>',
    );
    expect(html).not.toMatch(/script|cookie|onmouseover|onclick|onerror|javascript|alert/i);
    expect(html).toContain('<p>Текст</p>');
  });

  it('removes frames, forms, objects, styles and base tags entirely', () => {
    const html = clean('<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name=p></form><object data="x.swf"></object><style>body{background:url(https://t.example/x)}</style><base href="https://evil.example/"><p>ok</p>');
    expect(html).toBe('<p>ok</p>');
  });

  it('opens links in a new tab without a referrer and keeps mailto and tel links', () => {
    const html = clean('<a href="https://shop.example/order/1">заказ</a> <a href="mailto:a@b.example">почта</a> <a href="tel:+79120000000">звонок</a> <a href="data:text/html,<script>">data</a>');
    expect(html).toContain('<a href="https://shop.example/order/1" target="_blank" rel="noopener noreferrer nofollow">заказ</a>');
    expect(html).toContain('href="mailto:a@b.example"');
    expect(html).toContain('href="tel:+79120000000"');
    expect(html).not.toContain('data:text/html');
  });

  it('turns remote images into click-to-load placeholders and counts them', () => {
    const { html, remoteImages } = sanitizeEmailHtml('<img src="https://tracker.example/open.gif?u=1" alt="logo" width="1"><img src="http://cdn.example/a.png">');
    expect(remoteImages).toBe(2);
    expect(html).not.toMatch(/\ssrc=/);
    expect(html).toContain('data-remote-src="https://tracker.example/open.gif?u=1"');
    expect(html).toContain('alt="logo"');
  });

  it('keeps embedded data images and points cid images at their attachment', () => {
    const html = clean('<img src="data:image/png;base64,iVBORw0KGgo="><img src="cid:logo@shop"><img src="data:image/svg+xml;base64,PHN2Zz4=">');
    expect(html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(html).toContain('data-cid="logo@shop"');
    expect(html).not.toContain('svg');
  });

  it('keeps harmless inline styles and drops those that load or run anything', () => {
    const html = clean('<p style="color: red; background-image: url(https://t.example/x); width: expression(alert(1)); font-weight: bold">a</p><td style="background: url(https://t.example/y)">b</td>');
    expect(html).toContain('color:red');
    expect(html).toContain('font-weight:bold');
    expect(html).not.toMatch(/url|expression|t\.example/);
  });

  it('marks quoted messages and signatures for folding, and ignores a sender\'s own fold marks', () => {
    const html = clean('<p>Ответ</p><div class="gmail_signature">Иван</div><div class="gmail_quote"><blockquote>Вопрос</blockquote></div><p data-email-fold="quote">не складывать</p>');
    expect(html).toContain('<div data-email-fold="signature">Иван</div>');
    expect(html).toContain('<div data-email-fold="quote"><blockquote data-email-fold="quote">Вопрос</blockquote></div>');
    expect(html).toContain('<p>не складывать</p>');
  });
});
