import { describe, expect, it } from 'vitest';
import { isKnownVariable, renderTemplate, variablesOf } from './template-renderer.js';

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
