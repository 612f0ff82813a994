import type { FlowDocument, FlowNode } from '../bot-flow.contract.js';
import type { Effect, EngineContext, EngineInput, EngineResult, EngineState } from './engine.types.js';
import { askNode, faqNode, messageNode } from './nodes/conversation-nodes.js';
import { conditionNode, setNode } from './nodes/logic-nodes.js';
import { createTaskNode, endNode, handoffNode, httpNode } from './nodes/action-nodes.js';
import { knowledgeAnswerNode } from './nodes/knowledge-nodes.js';
import { cartNode, catalogNode, createDealNode, orderFormNode } from './nodes/shop-nodes.js';
import { Step, type NodeHandler, type NodeHandlers, type Transition } from './step.js';

const handlers: NodeHandlers = {
  message: messageNode,
  ask: askNode,
  set: setNode,
  condition: conditionNode,
  catalog: catalogNode,
  cart: cartNode,
  order_form: orderFormNode,
  create_deal: createDealNode,
  create_task: createTaskNode,
  http: httpNode,
  handoff: handoffNode,
  end: endNode,
  faq: faqNode,
  knowledge_answer: knowledgeAnswerNode,
};

/** Nodes entered in one step without waiting: more means a loop of nodes that never waits. */
const MAX_HOPS = 100;

/** A pressed button or a choice without an edge of its own goes on by "next"; a failure without one ends the bot. */
const FALLS_THROUGH = (branch: string) => !['next', 'error', 'invalid', 'timeout', 'empty', 'handoff', 'notFound'].includes(branch);

export function initialState(variables: Record<string, unknown> = {}): EngineState {
  return { nodeId: null, status: 'active', variables, nodeState: {} };
}

/**
 * The flow engine: pure. Given the state of a session and what happened (start, an answer, a
 * timeout, an effect's result) it answers the new state, what the bot says and what should be done.
 * Nothing is written or sent here, so the simulator runs exactly the same code.
 */
export function advance(doc: FlowDocument, previous: EngineState, input: EngineInput, ctx: EngineContext): EngineResult {
  const state: EngineState = structuredClone(previous);
  const step = new Step(state, ctx);
  const effects: Effect[] = [];
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const finish = (how: 'handoff' | 'end', teamId?: string): EngineResult => {
    state.status = how === 'handoff' ? 'handoff' : 'ended';
    state.nodeState = {};
    effects.push(how === 'handoff' ? { kind: 'handoff', variables: state.variables, ...(teamId ? { teamId } : {}) } : { kind: 'end' });
    return { state, replies: step.replies, effects, awaiting: 'none' };
  };
  if (state.status === 'ended' || state.status === 'handoff') return { state, replies: [], effects: [], awaiting: 'none' };

  let transition: Transition;
  const first = input.kind === 'start' ? nodes.get(doc.start) : state.nodeId ? nodes.get(state.nodeId) : undefined;
  if (!first) return finish('end');
  let node: FlowNode = first;
  if (input.kind === 'start') {
    state.nodeId = node.id;
    state.nodeState = {};
    transition = handlerOf(node).enter(node as never, step);
  } else {
    const handler = handlerOf(node);
    if (input.kind === 'timeout') {
      transition = edgeOf(doc, node.id, 'timeout') ? { type: 'go', branch: 'timeout' } : { type: 'finish', how: doc.onTimeout ?? 'end' };
    } else if (input.kind === 'effect') {
      transition = handler.resume ? handler.resume(node as never, input, step) : { type: 'go', branch: 'next' };
    } else {
      transition = handler.receive ? handler.receive(node as never, input, step) : { type: 'wait' };
    }
  }

  for (let hops = 0; ; hops += 1) {
    switch (transition.type) {
      case 'wait':
        state.status = 'waiting';
        return { state, replies: step.replies, effects, awaiting: 'input' };
      case 'effect':
        state.status = 'active';
        effects.push(transition.effect);
        return { state, replies: step.replies, effects, awaiting: 'effect' };
      case 'finish':
        return finish(transition.how, transition.teamId);
      case 'go': {
        const target: string | undefined = edgeOf(doc, node.id, transition.branch) ?? (FALLS_THROUGH(transition.branch) ? edgeOf(doc, node.id, 'next') : undefined);
        const next: FlowNode | undefined = target ? nodes.get(target) : undefined;
        // A branch that leads nowhere ends the conversation with the bot; "handoff" hands it over.
        if (!next) return finish(transition.branch === 'handoff' ? 'handoff' : 'end');
        if (hops >= MAX_HOPS) return finish('end');
        node = next;
        state.nodeId = node.id;
        state.nodeState = {};
        state.status = 'active';
        transition = handlerOf(node).enter(node as never, step);
      }
    }
  }
}

function handlerOf(node: FlowNode): NodeHandler<FlowNode['type']> {
  return handlers[node.type] as NodeHandler<FlowNode['type']>;
}

function edgeOf(doc: FlowDocument, from: string, branch: string): string | undefined {
  return doc.edges.find((e) => e.from === from && (e.on ?? 'next') === branch)?.to;
}

