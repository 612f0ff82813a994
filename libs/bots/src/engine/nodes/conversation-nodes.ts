import { pressedButton } from '../buttons.js';
import { checkAnswer } from '../answer-validation.js';
import type { NodeHandler } from '../step.js';
import { writePath } from '../templates.js';

/** Text, media and buttons; with buttons it waits for a press. */
export const messageNode: NodeHandler<'message'> = {
  enter(node, step) {
    const reply = { text: step.text(node.text), ...(node.mediaUrl ? { mediaUrl: node.mediaUrl } : {}) };
    const buttons = step.buttons(node.buttons);
    if (buttons.flat().some((b) => !b.url)) return step.offer({ ...reply, buttons });
    step.say(buttons.length ? { ...reply, buttons } : reply);
    return { type: 'go', branch: 'next' };
  },
  receive(node, input, step) {
    const pressed = pressedButton(input, step.state.nodeState.offered);
    if (pressed) return { type: 'go', branch: pressed };
    return step.offer({ text: step.t('bots.choose_button'), buttons: step.buttons(node.buttons) });
  },
};

/** A question whose answer is checked; a wrong one gets the retry text, too many lead to "invalid". */
export const askNode: NodeHandler<'ask'> = {
  enter(node, step) {
    step.state.nodeState = { retries: 0 };
    const buttons = step.buttons(node.buttons);
    if (node.kind === 'choice' || buttons.length) return step.offer({ text: step.text(node.text), buttons });
    step.say({ text: step.text(node.text) });
    return { type: 'wait' };
  },
  receive(node, input, step) {
    let value: unknown;
    let branch = 'next';
    if (node.kind === 'choice') {
      value = pressedButton(input, step.state.nodeState.offered);
      if (value) branch = value as string;
    } else {
      const answer = input.kind === 'text' ? input.text : (input.text ?? '');
      const checked = checkAnswer(node.kind, answer, { min: node.min, max: node.max });
      if (checked.ok) value = checked.value;
    }
    if (value !== undefined && value !== null) {
      step.state.variables = writePath(step.state.variables, node.variable, value);
      return { type: 'go', branch };
    }
    const retries = (step.state.nodeState.retries ?? 0) + 1;
    step.state.nodeState = { ...step.state.nodeState, retries };
    if (node.maxRetries !== undefined && retries > node.maxRetries) return { type: 'go', branch: 'invalid' };
    const retryText = node.retryText ? step.text(node.retryText) : defaultRetry(node, step);
    const buttons = step.buttons(node.buttons);
    if (buttons.length) return step.offer({ text: retryText, buttons });
    step.say({ text: retryText });
    return { type: 'wait' };
  },
};

function defaultRetry(node: Parameters<NonNullable<typeof askNode.receive>>[0], step: Parameters<typeof askNode.enter>[1]): string {
  if (node.kind !== 'number') return step.t(`bots.retry.${node.kind}`);
  const range = node.min !== undefined && node.max !== undefined ? ` (${node.min}–${node.max})` : node.min !== undefined ? ` (≥ ${node.min})` : node.max !== undefined ? ` (≤ ${node.max})` : '';
  return step.t('bots.retry.number', { range });
}

const QUESTION = 'q_';

/** Question buttons answered in place, plus "talk to a person" and "that is all". */
export const faqNode: NodeHandler<'faq'> = {
  enter(node, step) {
    return step.offer({ text: step.text(node.text), buttons: faqButtons(node, step) });
  },
  receive(node, input, step) {
    const pressed = pressedButton(input, step.state.nodeState.offered);
    if (pressed === 'handoff' || pressed === 'done') return { type: 'go', branch: pressed };
    const item = pressed ? node.items.find((i) => QUESTION + i.id === pressed) : undefined;
    const text = item ? step.text(item.answer) : step.t('bots.choose_button');
    return step.offer({ text, buttons: faqButtons(node, step) });
  },
};

function faqButtons(node: Parameters<typeof faqNode.enter>[0], step: Parameters<typeof faqNode.enter>[1]) {
  return [
    ...node.items.map((item) => [{ id: QUESTION + item.id, text: step.text(item.question) }]),
    [{ id: 'handoff', text: node.handoffText ? step.text(node.handoffText) : step.t('bots.faq.handoff') }],
    [{ id: 'done', text: node.doneText ? step.text(node.doneText) : step.t('bots.faq.done') }],
  ];
}
