import type { NodeHandler } from '../step.js';
import { render, writePath } from '../templates.js';

export const createTaskNode: NodeHandler<'create_task'> = {
  enter(node, step) {
    return {
      type: 'effect',
      effect: { kind: 'create_task', title: render(node.taskTitle, step.state.variables, step.ctx), dueInMinutes: node.dueInMinutes ?? null, ...(node.assigneeId ? { assigneeId: node.assigneeId } : {}) },
    };
  },
  resume() {
    return { type: 'go', branch: 'next' };
  },
};

export const httpNode: NodeHandler<'http'> = {
  enter(node, step) {
    const fill = (value: string) => render(value, step.state.variables, step.ctx);
    const headers = Object.fromEntries(Object.entries(node.headers ?? {}).map(([k, v]) => [k, fill(v)]));
    return {
      type: 'effect',
      effect: { kind: 'http', method: node.method, url: fill(node.url), headers, ...(node.body !== undefined ? { body: fill(node.body) } : {}), timeoutMs: node.timeoutMs ?? 5000 },
    };
  },
  resume(node, input, step) {
    if (!input.ok) return { type: 'go', branch: 'error' };
    if (node.saveAs) step.state.variables = writePath(step.state.variables, node.saveAs, input.value ?? null);
    return { type: 'go', branch: 'next' };
  },
};

export const handoffNode: NodeHandler<'handoff'> = {
  enter(node, step) {
    if (node.text) step.say({ text: step.text(node.text) });
    return { type: 'finish', how: 'handoff', ...(node.teamId ? { teamId: node.teamId } : {}) };
  },
};

export const endNode: NodeHandler<'end'> = {
  enter(node, step) {
    if (node.text) step.say({ text: step.text(node.text) });
    return { type: 'finish', how: 'end' };
  },
};
