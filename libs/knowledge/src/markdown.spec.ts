import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('does headings, paragraphs, lists and inline formatting when the body uses them', () => {
    const html = renderMarkdown('# Сроки\n\nДоставка **бесплатно** от 3000 ₽, *обычно* за `2` дня.\n\n- Москва\n- Санкт-Петербург\n\n1. Оформите\n2. Получите');
    expect(html).toContain('<h2>Сроки</h2>');
    expect(html).toContain('<strong>бесплатно</strong>');
    expect(html).toContain('<em>обычно</em>');
    expect(html).toContain('<code>2</code>');
    expect(html).toContain('<ul><li>Москва</li><li>Санкт-Петербург</li></ul>');
    expect(html).toContain('<ol><li>Оформите</li><li>Получите</li></ol>');
  });

  it('escapes HTML and drops unsafe links when the body tries to inject them', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) [ok](https://example.com/a?b=1&c=2)');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://example.com/a?b=1&amp;c=2"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('keeps code blocks verbatim and escaped when fenced', () => {
    expect(renderMarkdown('```\n<b>**x**</b>\n```')).toBe('<pre><code>&lt;b&gt;**x**&lt;/b&gt;</code></pre>');
  });
});

describe('markdownToText', () => {
  it('strips the markup when it is asked for plain text', () => {
    expect(markdownToText('## Шаги\n\n- **Один** [ссылка](https://x.ru)\n- `два`')).toBe('Шаги Один ссылка два');
  });
});
