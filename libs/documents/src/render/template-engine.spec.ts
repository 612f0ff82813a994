import { describe, expect, it } from 'vitest';
import { renderTemplate, unknownVariables } from './template-engine.js';

describe('document template engine', () => {
  it('fills variables and repeats the items loop once per line item', () => {
    const html = '<h1>{{ deal.title }}</h1><table>{{#items}}<tr><td>{{index}}</td><td>{{name}}</td><td>{{deal.currency}}</td></tr>{{/items}}</table>';
    const out = renderTemplate(html, {
      values: { 'deal.title': 'Кухня', 'deal.currency': 'RUB' },
      items: [
        { index: '1', name: 'Стол' },
        { index: '2', name: 'Стул' },
      ],
    });
    expect(out).toBe('<h1>Кухня</h1><table><tr><td>1</td><td>Стол</td><td>RUB</td></tr><tr><td>2</td><td>Стул</td><td>RUB</td></tr></table>');
  });

  it('escapes values so data cannot inject markup', () => {
    expect(renderTemplate('<p>{{contact.name}}</p>', { values: { 'contact.name': '<b>"Эй" & Ко</b>' }, items: [] })).toBe('<p>&lt;b&gt;&quot;Эй&quot; &amp; Ко&lt;/b&gt;</p>');
  });

  it('reports unknown variables, item fields used outside the loop and unclosed loops', () => {
    expect(unknownVariables('{{deal.title}} {{deal.foo}} {{name}} {{#items}}{{sum}}{{bogus}}{{/items}} {{#items}}')).toEqual(['bogus', 'deal.foo', 'name', '#items']);
  });

  it('accepts every documented variable', () => {
    expect(unknownVariables('{{seller.company_name}} {{seller.bik}} {{total}} {{total_in_words}} {{document.number}} {{document.date}} {{#items}}{{index}}{{price}}{{quantity}}{{/items}}')).toEqual([]);
  });
});
