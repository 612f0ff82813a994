import type { KnowledgeAnswer } from '../engine.types.js';
import type { NodeHandler, Step, Transition } from '../step.js';
import { readPath, writePath } from '../templates.js';

/** Searches the knowledge base with what the customer wrote and says the best article, with its link. */
export const knowledgeAnswerNode: NodeHandler<'knowledge_answer'> = {
  enter(node, step) {
    const asked = node.query ? readPath(step.state.variables, node.query) : step.ctx.lastMessage;
    const query = typeof asked === 'string' || typeof asked === 'number' ? String(asked).trim() : '';
    if (!query) return notFound(node, step);
    return { type: 'effect', effect: { kind: 'knowledge_search', query, locale: step.ctx.locale } };
  },
  resume(node, input, step) {
    const article = input.ok ? asAnswer(input.value) : null;
    if (!article) return notFound(node, step);
    const intro = node.text ? `${step.text(node.text)}\n\n` : '';
    step.say({ text: `${intro}${[article.title, article.summary, article.url].filter(Boolean).join('\n')}` });
    if (node.saveAs) step.state.variables = writePath(step.state.variables, node.saveAs, article);
    return { type: 'go', branch: 'next' };
  },
};

function notFound(node: Parameters<typeof knowledgeAnswerNode.enter>[0], step: Step): Transition {
  if (node.notFoundText) step.say({ text: step.text(node.notFoundText) });
  return { type: 'go', branch: 'notFound' };
}

function asAnswer(value: unknown): KnowledgeAnswer | null {
  const v = value as Partial<KnowledgeAnswer> | null | undefined;
  return v && typeof v.title === 'string' && typeof v.url === 'string' ? { title: v.title, summary: typeof v.summary === 'string' ? v.summary : '', url: v.url } : null;
}
