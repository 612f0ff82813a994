import type { BotReply } from '../bot-flow.contract.js';
import type { EngineInput, OfferedButton } from './engine.types.js';

export type ReplyButton = NonNullable<BotReply['buttons']>[number][number];

export function offeredOf(rows: ReplyButton[][]): OfferedButton[] {
  return rows.flat().map((b) => ({ id: b.url ? null : b.id, text: b.text }));
}

/**
 * The button an answer means: a press of an offered button, its number (SMS shows buttons as
 * "1. Yes"), or its label typed out. Null when the answer names no offered button.
 */
export function pressedButton(input: EngineInput, offered: OfferedButton[] | undefined): string | null {
  const options = offered ?? [];
  if (input.kind === 'button') return options.some((b) => b.id === input.buttonId) ? input.buttonId : null;
  if (input.kind !== 'text') return null;
  const answer = input.text.trim();
  if (/^\d{1,3}\.?$/.test(answer)) return options[Number.parseInt(answer, 10) - 1]?.id ?? null;
  const folded = answer.toLocaleLowerCase();
  return options.find((b) => b.id !== null && b.text.trim().toLocaleLowerCase() === folded)?.id ?? null;
}
