import type { SimulateInput, SimulateResponse, BotReply } from './types.js';

export type TranscriptEntry =
  | { kind: 'bot'; id: number; reply: BotReply }
  | { kind: 'user'; id: number; text: string }
  | { kind: 'effect'; id: number; summary: string };

export interface Transcript {
  sessionId: string | null;
  entries: TranscriptEntry[];
  state: SimulateResponse['state'] | null;
  effects: SimulateResponse['effects'];
  /** Buttons can be pressed only on the replies of the last turn: older ones were answered already. */
  liveFrom: number;
  nextId: number;
}

export const emptyTranscript: Transcript = { sessionId: null, entries: [], state: null, effects: [], liveFrom: 0, nextId: 1 };

/** The customer's turn as shown in the chat: the text typed, or the caption of the button pressed. */
export function addInput(transcript: Transcript, input: SimulateInput): Transcript {
  const text = input.buttonId ? (buttonText(transcript, input.buttonId) ?? input.buttonId) : (input.text ?? '');
  return { ...transcript, entries: [...transcript.entries, { kind: 'user', id: transcript.nextId, text }], liveFrom: transcript.nextId + 1, nextId: transcript.nextId + 1 };
}

/** The bot's answer to a turn: its replies, then what it would have done, then its new state. */
export function addResult(transcript: Transcript, result: SimulateResponse): Transcript {
  let nextId = transcript.nextId;
  const replies: TranscriptEntry[] = result.replies.map((reply) => ({ kind: 'bot', id: nextId++, reply }));
  const effects: TranscriptEntry[] = result.effects.map((effect) => ({ kind: 'effect', id: nextId++, summary: effect.summary }));
  return {
    sessionId: result.sessionId,
    entries: [...transcript.entries, ...replies, ...effects],
    state: result.state,
    effects: [...transcript.effects, ...result.effects],
    liveFrom: replies[0]?.id ?? nextId,
    nextId,
  };
}

export function canPress(transcript: Transcript, entry: TranscriptEntry): boolean {
  const status = transcript.state?.status;
  return entry.kind === 'bot' && entry.id >= transcript.liveFrom && status !== 'ended' && status !== 'handoff';
}

/** The session is over: nothing typed would reach the bot any more. */
export function isFinished(transcript: Transcript): boolean {
  return transcript.state?.status === 'ended' || transcript.state?.status === 'handoff';
}

function buttonText(transcript: Transcript, buttonId: string): string | undefined {
  for (let i = transcript.entries.length - 1; i >= 0; i--) {
    const entry = transcript.entries[i];
    if (entry.kind !== 'bot') continue;
    const button = entry.reply.buttons?.flat().find((b) => b.id === buttonId);
    if (button) return button.text;
  }
  return undefined;
}
