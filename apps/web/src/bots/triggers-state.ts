import type { Trigger } from './types.js';

/** What one inbox starts the flow on, as the triggers form edits it. */
export interface InboxTriggers {
  newConversation: boolean;
  /** Comma-separated, as typed. */
  keywords: string;
  /** Comma-separated commands, as typed ("/start, /order"). */
  commands: string;
}

export const NO_INBOX_TRIGGERS: InboxTriggers = { newConversation: false, keywords: '', commands: '' };

export interface TriggerForm {
  inboxes: Record<string, InboxTriggers>;
  stageIds: string[];
}

export function toForm(triggers: readonly Trigger[]): TriggerForm {
  const inboxes: Record<string, InboxTriggers> = {};
  const stageIds: string[] = [];
  const row = (inboxId: string) => (inboxes[inboxId] ??= { ...NO_INBOX_TRIGGERS });
  const append = (list: string, more: string[]) => [list, ...more].filter(Boolean).join(', ');
  for (const trigger of triggers) {
    if (trigger.type === 'new_conversation') row(trigger.inboxId).newConversation = true;
    else if (trigger.type === 'keyword') row(trigger.inboxId).keywords = append(row(trigger.inboxId).keywords, trigger.keywords);
    else if (trigger.type === 'command') row(trigger.inboxId).commands = append(row(trigger.inboxId).commands, [trigger.command]);
    else if (trigger.type === 'deal_stage' && !stageIds.includes(trigger.stageId)) stageIds.push(trigger.stageId);
  }
  return { inboxes, stageIds };
}

export function fromForm(form: TriggerForm): Trigger[] {
  const triggers: Trigger[] = [];
  for (const [inboxId, row] of Object.entries(form.inboxes)) {
    if (row.newConversation) triggers.push({ type: 'new_conversation', inboxId });
    const keywords = splitList(row.keywords);
    if (keywords.length) triggers.push({ type: 'keyword', inboxId, keywords });
    for (const command of splitList(row.commands)) triggers.push({ type: 'command', inboxId, command: command.startsWith('/') ? command : `/${command}` });
  }
  for (const stageId of form.stageIds) triggers.push({ type: 'deal_stage', stageId });
  return triggers;
}

/** The inboxes a flow starts in, for the list: each named once. */
export function triggerInboxIds(triggers: readonly Trigger[]): string[] {
  return [...new Set(triggers.flatMap((t) => ('inboxId' in t ? [t.inboxId] : [])))];
}

function splitList(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
}
