import { describe, expect, it } from 'vitest';
import { isKnownVariable, renderTemplate, TEMPLATE_VARIABLES, variablesOf } from './template-renderer.js';
import { describeTemplateVariables } from './template-variable-hints.js';

const values = new Map([
  ['contact.name', 'Ольга'],
  ['agent.name', 'Иван'],
  ['deal.amount', '15000.00'],
  ['contact.custom.city', 'Казань'],
]);

describe('renderTemplate', () => {
  it('replaces known variables with their values when spacing varies', () => {
    expect(renderTemplate('Здравствуйте, {{contact.name}}! Меня зовут {{ agent.name }}. Сумма: {{deal.amount}} ₽, город {{contact.custom.city}}.', values)).toEqual({
      text: 'Здравствуйте, Ольга! Меня зовут Иван. Сумма: 15000.00 ₽, город Казань.',
      missing: [],
    });
  });

  it('renders a missing value as its fallback, or as nothing, and reports it when the value is absent', () => {
    expect(renderTemplate('Привет, {{contact.custom.nick | "друг"}}{{deal.stage}}!', values)).toEqual({ text: 'Привет, друг!', missing: ['contact.custom.nick', 'deal.stage'] });
  });

  it('never evaluates what is inside the braces when a template holds code', () => {
    const hostile = '{{constructor.constructor("return process")()}} {{__proto__}} {{ 1+1 }} ${process.env}';
    const { text } = renderTemplate(hostile, values);
    expect(text).toBe('{{constructor.constructor("return process")()}}  {{ 1+1 }} ${process.env}');
    expect(renderTemplate('{{toString}}{{constructor}}', values).text).toBe('');
  });

  it('leaves text without variables as it is', () => {
    expect(renderTemplate('Спасибо! {не переменная} {{}}', values)).toEqual({ text: 'Спасибо! {не переменная} {{}}', missing: [] });
  });
});

describe('variablesOf and isKnownVariable', () => {
  it('lists each variable once and tells known names from typos', () => {
    expect(variablesOf('{{contact.name}} {{contact.nmae}} {{contact.name | "x"}} {{contact.custom.vip_level}}')).toEqual(['contact.name', 'contact.nmae', 'contact.custom.vip_level']);
    expect(isKnownVariable('contact.custom.vip_level')).toBe(true);
    expect(isKnownVariable('contact.nmae')).toBe(false);
    expect(isKnownVariable('contact.custom.')).toBe(false);
  });
});

describe('cart variables', () => {
  const reminder = 'Вы оставили в корзине: {{cart.items | "товары"}} на {{cart.total}}.';

  it('accepts cart.total and cart.items when a template is saved', () => {
    expect(variablesOf(reminder).filter((v) => !isKnownVariable(v))).toEqual([]);
    expect(isKnownVariable('cart.summary')).toBe(false);
  });

  it('renders the cart when a triggered message supplies it', () => {
    const cart = new Map([...values, ['cart.items', 'Кофе × 2'], ['cart.total', '1780.00 RUB']]);
    expect(renderTemplate(reminder, cart)).toEqual({ text: 'Вы оставили в корзине: Кофе × 2 на 1780.00 RUB.', missing: [] });
  });

  it('renders the fallback or nothing and reports both when no cart is known', () => {
    expect(renderTemplate(reminder, values)).toEqual({ text: 'Вы оставили в корзине: товары на .', missing: ['cart.items', 'cart.total'] });
  });
});

describe('describeTemplateVariables', () => {
  it('describes every variable in Russian and in English, each differently', () => {
    const ru = describeTemplateVariables('ru');
    const en = describeTemplateVariables('en');
    expect(Object.keys(ru)).toEqual([...TEMPLATE_VARIABLES]);
    for (const variable of TEMPLATE_VARIABLES) expect(ru[variable], variable).not.toBe(en[variable]);
    expect(ru['cart.total']).toContain('брошенная корзина');
    expect(en['cart.items']).toContain('cart abandoned');
  });
});
