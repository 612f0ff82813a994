import { t, type MessageKey, type MessageParams } from '@app/i18n';
import type { BotReply, FlowNode, FlowNodeOf, LocalizedText, NodeType } from '../bot-flow.contract.js';
import { offeredOf, type ReplyButton } from './buttons.js';
import type { BlockingEffect, EngineContext, EngineInput, EngineState } from './engine.types.js';
import { text } from './templates.js';

export type Transition =
  | { type: 'wait' }
  | { type: 'go'; branch: string }
  | { type: 'effect'; effect: BlockingEffect }
  | { type: 'finish'; how: 'handoff' | 'end'; teamId?: string };

/** What a node handler may do during one step: read and change the state, and say things. */
export class Step {
  readonly replies: BotReply[] = [];

  constructor(
    readonly state: EngineState,
    readonly ctx: EngineContext,
  ) {}

  say(reply: BotReply): void {
    this.replies.push(reply);
  }

  /** Says something with buttons and waits for a press (or its number, or its label). */
  offer(reply: Omit<BotReply, 'buttons'> & { buttons: ReplyButton[][] }): Transition {
    const buttons = reply.buttons.filter((row) => row.length > 0);
    this.say({ ...reply, buttons });
    this.state.nodeState = { ...this.state.nodeState, offered: offeredOf(buttons) };
    return { type: 'wait' };
  }

  text(value: LocalizedText | undefined): string {
    return text(value, this.state.variables, this.ctx);
  }

  t(key: MessageKey, params: MessageParams = {}): string {
    return t(key, params, this.ctx.locale);
  }

  buttons(rows: Array<Array<{ id: string; text: LocalizedText; url?: string }>> | undefined): ReplyButton[][] {
    return (rows ?? []).map((row) => row.map((b) => ({ id: b.id, text: this.text(b.text), ...(b.url ? { url: b.url } : {}) })));
  }
}

export interface NodeHandler<T extends NodeType> {
  /** The node is reached. */
  enter(node: FlowNodeOf<T>, step: Step): Transition;
  /** The customer answered while the session waited on this node. */
  receive?(node: FlowNodeOf<T>, input: Extract<EngineInput, { kind: 'text' | 'button' }>, step: Step): Transition;
  /** The effect this node asked for is done. */
  resume?(node: FlowNodeOf<T>, input: Extract<EngineInput, { kind: 'effect' }>, step: Step): Transition;
}

export type NodeHandlers = { [T in NodeType]: NodeHandler<T> };
export type AnyNode = FlowNode;
