/**
 * The bot flow document a manager edits, and the REST shapes shared with the web app.
 * Pure types and zod only (no Nest), so the web app can `import type` from this file.
 */
import { z } from 'zod';

/** A text shown to a customer: a template with {{variables}}, or one per language. */
export const localizedTextSchema = z.union([
  z.string().trim().min(1).max(4000),
  z.object({ ru: z.string().trim().min(1).max(4000), en: z.string().trim().min(1).max(4000) }),
]);
export type LocalizedText = z.infer<typeof localizedTextSchema>;

const nodeIdSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const buttonIdSchema = z.string().trim().min(1).max(48).regex(/^[A-Za-z0-9_-]+$/);
/** A variable name; dots address a field of an object variable ("order.phone"). */
export const variableNameSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/);

export const flowButtonSchema = z.object({
  /** Edge branch name (`on`) followed when the button is pressed. */
  id: buttonIdSchema,
  text: localizedTextSchema,
  /** A link button opens the URL and leads nowhere. */
  url: z.url().max(2000).optional(),
});
export type FlowButton = z.infer<typeof flowButtonSchema>;
const buttonRowsSchema = z.array(z.array(flowButtonSchema).min(1).max(8)).max(10);

const nodeBase = {
  id: nodeIdSchema,
  title: z.string().max(200).optional(),
  position: z.object({ x: z.number(), y: z.number() }).optional(),
};

/** Sends text and/or media. With (non-link) buttons it waits for a press and follows the edge `on: <button id>` (or "next"). */
export const messageNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('message'),
  text: localizedTextSchema.optional(),
  mediaUrl: z.url().max(2000).optional(),
  buttons: buttonRowsSchema.optional(),
});

export const askKinds = ['text', 'number', 'phone', 'email', 'date', 'choice'] as const;
export type AskKind = (typeof askKinds)[number];
/**
 * Asks a question and stores the validated answer in `variable`. Invalid input gets `retryText`;
 * after `maxRetries` failed answers the edge "invalid" is followed (or the question is asked again).
 * 'choice' needs buttons; the stored value is the pressed button's id. Edges: "next" (or a button id for 'choice'), "invalid".
 */
export const askNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('ask'),
  text: localizedTextSchema,
  kind: z.enum(askKinds),
  variable: variableNameSchema,
  buttons: buttonRowsSchema.optional(),
  retryText: localizedTextSchema.optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

/** Sets variables; values are templates ("{{order.name}}") or literals. Edge: "next". */
export const setNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('set'),
  assignments: z.array(z.object({ variable: variableNameSchema, value: z.string().max(4000) })).min(1).max(50),
});

export const conditionOperators = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty', 'between'] as const;
/**
 * A rule on a variable (`field` = variable name), a contact field (`field` = name | phone | email | tags | <custom field key>)
 * or the time of day in the workspace's time zone (`op: 'between'`, `value: "09:00"`, `valueTo: "18:00"`; may span midnight).
 */
export const conditionRuleSchema = z.object({
  source: z.enum(['variable', 'contact', 'time']),
  field: z.string().max(64).optional(),
  op: z.enum(conditionOperators),
  value: z.string().max(500).optional(),
  valueTo: z.string().max(500).optional(),
});
export type ConditionRule = z.infer<typeof conditionRuleSchema>;
/** Edges: "true", "false". */
export const conditionNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('condition'),
  match: z.enum(['all', 'any']).default('all'),
  rules: z.array(conditionRuleSchema).min(1).max(20),
});

/**
 * Pages of product buttons from the company's product table (active products, optionally one category).
 * A tap shows the product card (photo, price, stock) with "add to cart" / "back"; "add" stores the product
 * in variable `product` ({ id, name, price, currency }) and follows "next" (usually a cart node with action 'add').
 * When the cart is not empty a "checkout" button follows the edge "checkout". Edge "empty" when no product is on sale.
 */
export const catalogNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('catalog'),
  text: localizedTextSchema,
  category: z.string().max(100).optional(),
  pageSize: z.number().int().min(1).max(10).optional(),
});

/**
 * add: puts variable `product` (quantity `quantity`, default 1) into the cart, checking stock ("error" edge when out of stock);
 * remove: removes it; clear: empties the cart; show: lists the lines with the total and buttons
 * "checkout" / "back" / remove per line (edge "empty" when the cart is empty). Edges: "next", "checkout", "back", "empty", "error".
 */
export const cartNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('cart'),
  action: z.enum(['add', 'remove', 'show', 'clear']),
  quantity: z.number().int().min(1).max(999).optional(),
  text: localizedTextSchema.optional(),
});

export const orderFormFields = ['name', 'phone', 'address', 'delivery_time'] as const;
export type OrderFormField = (typeof orderFormFields)[number];
/** Asks the fields in order, validates each (retry on bad phone), stores them in `order.name`, `order.phone`, `order.address`, `order.deliveryTime`. Edge: "next". */
export const orderFormNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('order_form'),
  fields: z.array(z.enum(orderFormFields)).min(1).max(4),
  /** Overrides the built-in question per field. */
  prompts: z.partialRecord(z.enum(orderFormFields), localizedTextSchema).optional(),
});

/**
 * Creates a deal for the contact and the conversation: line items from the cart, amount = cart total;
 * omitted pipeline/stage = the default pipeline's first stage. Stores `deal.id`, `deal.title`, `deal.amount`.
 * `notifyOwner` tells the deal owner through the staff bot. Edges: "next", "error".
 */
export const createDealNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('create_deal'),
  pipelineId: z.uuid().optional(),
  stageId: z.uuid().optional(),
  dealTitle: z.string().max(200).optional(),
  notifyOwner: z.boolean().optional(),
  clearCart: z.boolean().optional(),
});

/** Creates a task (linked to the contact and the last created deal) for the conversation's assignee or a given user. Edge: "next". */
export const createTaskNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('create_task'),
  taskTitle: z.string().trim().min(1).max(200),
  dueInMinutes: z.number().int().min(0).max(60 * 24 * 365).optional(),
  assigneeId: z.uuid().optional(),
});

/** Calls the company's own system; templates in url/body; the JSON (or text) answer is stored in `saveAs`. Edges: "next", "error" (timeout or non-2xx). */
export const httpNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('http'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  url: z.string().trim().min(1).max(2000),
  headers: z.record(z.string().max(100), z.string().max(2000)).optional(),
  body: z.string().max(20000).optional(),
  timeoutMs: z.number().int().min(100).max(30000).optional(),
  saveAs: variableNameSchema.optional(),
});

/** The conversation leaves the bot and enters routing (optionally to a team); agents see the collected variables. */
export const handoffNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('handoff'),
  text: localizedTextSchema.optional(),
  teamId: z.uuid().optional(),
});

export const endNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('end'),
  text: localizedTextSchema.optional(),
});

/**
 * Question buttons; a tap answers and shows the questions again. Extra buttons: "handoff" (talk to a person)
 * and "done". Edges: "handoff", "done".
 */
export const faqNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('faq'),
  text: localizedTextSchema,
  items: z.array(z.object({ id: buttonIdSchema, question: localizedTextSchema, answer: localizedTextSchema })).min(1).max(30),
  handoffText: localizedTextSchema.optional(),
  doneText: localizedTextSchema.optional(),
});

/**
 * Answers from the knowledge base: searches the published articles with the customer's last message (or the
 * variable named in `query`) and says the best one's title, summary and link, after `text` if given; the article
 * ({ title, summary, url }) is stored in `saveAs`. Edges: "next" when an article was found, "notFound" otherwise.
 */
export const knowledgeAnswerNodeSchema = z.object({
  ...nodeBase,
  type: z.literal('knowledge_answer'),
  query: variableNameSchema.optional(),
  text: localizedTextSchema.optional(),
  notFoundText: localizedTextSchema.optional(),
  saveAs: variableNameSchema.optional(),
});

export const flowNodeSchema = z.discriminatedUnion('type', [
  messageNodeSchema,
  askNodeSchema,
  setNodeSchema,
  conditionNodeSchema,
  catalogNodeSchema,
  cartNodeSchema,
  orderFormNodeSchema,
  createDealNodeSchema,
  createTaskNodeSchema,
  httpNodeSchema,
  handoffNodeSchema,
  endNodeSchema,
  faqNodeSchema,
  knowledgeAnswerNodeSchema,
]);
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type NodeType = FlowNode['type'];
export type FlowNodeOf<T extends NodeType> = Extract<FlowNode, { type: T }>;
export const nodeTypes = [
  'message', 'ask', 'set', 'condition', 'catalog', 'cart', 'order_form', 'create_deal', 'create_task', 'http', 'handoff', 'end', 'faq', 'knowledge_answer',
] as const satisfies readonly NodeType[];

export const flowEdgeSchema = z.object({
  from: nodeIdSchema,
  to: nodeIdSchema,
  /** Branch: omitted = "next"; a button id; "true"/"false"; "invalid"; "error"; "timeout"; "empty"; "checkout"; "back"; "handoff"; "done"; "notFound". */
  on: z.string().trim().min(1).max(48).optional(),
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

/** The fixed branch names a node type can follow (button ids come on top for nodes with buttons). */
export const nodeBranches: Record<NodeType, readonly string[]> = {
  message: ['next', 'timeout'],
  ask: ['next', 'invalid', 'timeout'],
  set: ['next'],
  condition: ['true', 'false'],
  catalog: ['next', 'checkout', 'empty', 'timeout'],
  cart: ['next', 'checkout', 'back', 'empty', 'error', 'timeout'],
  order_form: ['next', 'timeout'],
  create_deal: ['next', 'error'],
  create_task: ['next'],
  http: ['next', 'error'],
  handoff: [],
  end: [],
  faq: ['handoff', 'done', 'timeout'],
  knowledge_answer: ['next', 'notFound'],
};

const flowDocumentShape = z.object({
  start: nodeIdSchema,
  /** Minutes of customer silence after which the session times out (default: 60). */
  timeoutMinutes: z.number().int().min(1).max(60 * 24 * 30).optional(),
  /** What a timeout does (default: 'end'). */
  onTimeout: z.enum(['handoff', 'end']).optional(),
  nodes: z.array(flowNodeSchema).min(1).max(500),
  edges: z.array(flowEdgeSchema).max(2000),
});

function buttonIdsOf(node: FlowNode): string[] {
  if (node.type === 'message' || node.type === 'ask') return (node.buttons ?? []).flat().filter((b) => !b.url).map((b) => b.id);
  return [];
}

/** Graph problems carry an i18n key and values (`params`) beside the English message, so the server can say them in the reader's language. */
export type FlowIssueKey =
  | 'bots.schema.duplicate_node'
  | 'bots.schema.duplicate_buttons'
  | 'bots.schema.choice_needs_buttons'
  | 'bots.schema.max_below_min'
  | 'bots.schema.stage_needs_pipeline'
  | 'bots.schema.field_required'
  | 'bots.schema.time_rule'
  | 'bots.schema.no_node'
  | 'bots.schema.no_branch'
  | 'bots.schema.duplicate_edge';

type IssueSink = { addIssue(issue: { code: 'custom'; path: PropertyKey[]; message: string; params: { key: FlowIssueKey; values: Record<string, string> } }): void };

function report(ctx: IssueSink, path: PropertyKey[], key: FlowIssueKey, message: string, values: Record<string, string> = {}): void {
  ctx.addIssue({ code: 'custom', path, message, params: { key, values } });
}

/** The flow document: shape plus graph checks (unique ids, start and edge ends exist, known branches). */
export const flowDocumentSchema = flowDocumentShape.superRefine((doc, ctx) => {
  const index = new Map<string, number>();
  doc.nodes.forEach((node, i) => {
    if (index.has(node.id)) report(ctx, ['nodes', i, 'id'], 'bots.schema.duplicate_node', `Duplicate node id "${node.id}"`, { id: node.id });
    else index.set(node.id, i);
    const buttons = buttonIdsOf(node);
    if (new Set(buttons).size !== buttons.length) report(ctx, ['nodes', i, 'buttons'], 'bots.schema.duplicate_buttons', 'Button ids must be unique within a node');
    if (node.type === 'ask' && node.kind === 'choice' && buttons.length === 0) {
      report(ctx, ['nodes', i, 'buttons'], 'bots.schema.choice_needs_buttons', 'A choice question needs at least one button');
    }
    if (node.type === 'ask' && node.min !== undefined && node.max !== undefined && node.min > node.max) {
      report(ctx, ['nodes', i, 'max'], 'bots.schema.max_below_min', 'max must not be less than min');
    }
    if (node.type === 'create_deal' && node.stageId && !node.pipelineId) {
      report(ctx, ['nodes', i, 'pipelineId'], 'bots.schema.stage_needs_pipeline', 'Choose the pipeline of the stage');
    }
    if (node.type === 'condition') {
      node.rules.forEach((rule, r) => {
        if (rule.source !== 'time' && !rule.field) report(ctx, ['nodes', i, 'rules', r, 'field'], 'bots.schema.field_required', 'Choose a field');
        if (rule.source === 'time' && (rule.op !== 'between' || !isClock(rule.value) || !isClock(rule.valueTo))) {
          report(ctx, ['nodes', i, 'rules', r, 'value'], 'bots.schema.time_rule', 'A time rule is "between" two times like 09:00 and 18:00');
        }
      });
    }
  });
  if (!index.has(doc.start)) report(ctx, ['start'], 'bots.schema.no_node', `No node with id "${doc.start}"`, { id: doc.start });
  doc.edges.forEach((edge, e) => {
    const fromIndex = index.get(edge.from);
    if (fromIndex === undefined) report(ctx, ['edges', e, 'from'], 'bots.schema.no_node', `No node with id "${edge.from}"`, { id: edge.from });
    if (!index.has(edge.to)) report(ctx, ['edges', e, 'to'], 'bots.schema.no_node', `No node with id "${edge.to}"`, { id: edge.to });
    if (fromIndex === undefined) return;
    const from = doc.nodes[fromIndex]!;
    const branch = edge.on ?? 'next';
    const allowed = [...nodeBranches[from.type], ...buttonIdsOf(from)];
    if (!allowed.includes(branch)) {
      const options = allowed.join(', ') || '—';
      report(ctx, ['edges', e, 'on'], 'bots.schema.no_branch', `A ${from.type} node has no branch "${branch}" (one of: ${options})`, { type: from.type, branch, options });
    }
  });
  const seen = new Set<string>();
  doc.edges.forEach((edge, e) => {
    const branch = edge.on ?? 'next';
    const key = `${edge.from}\u0000${branch}`;
    if (seen.has(key)) report(ctx, ['edges', e, 'on'], 'bots.schema.duplicate_edge', `Node "${edge.from}" already has an edge for "${branch}"`, { id: edge.from, branch });
    seen.add(key);
  });
});
export type FlowDocument = z.infer<typeof flowDocumentSchema>;

function isClock(value: string | undefined): boolean {
  return value !== undefined && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

export const triggerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('new_conversation'), inboxId: z.uuid() }),
  z.object({ type: z.literal('keyword'), inboxId: z.uuid(), keywords: z.array(z.string().trim().min(1).max(100)).min(1).max(50) }),
  z.object({ type: z.literal('command'), inboxId: z.uuid(), command: z.string().trim().regex(/^\/[A-Za-z0-9_]{1,32}$/) }),
  z.object({ type: z.literal('deal_stage'), stageId: z.uuid() }),
]);
export type Trigger = z.infer<typeof triggerSchema>;

// ---- REST shapes ----

export interface FieldError {
  field: string;
  message: string;
}

export interface BotFlowSummary {
  id: string;
  name: string;
  description: string | null;
  publishedVersion: number | null;
  hasUnpublishedChanges: boolean;
  triggers: Trigger[];
  activeSessions: number;
  createdAt: string;
  updatedAt: string;
}

export interface BotFlowVersionInfo {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
}

export interface BotFlow extends BotFlowSummary {
  draft: FlowDocument;
  versions: BotFlowVersionInfo[];
}

export interface ValidateFlowResponse {
  valid: boolean;
  errors: FieldError[];
}

export type SessionStatus = 'active' | 'waiting' | 'handoff' | 'ended';

export interface SimulateInput {
  text?: string;
  buttonId?: string;
}

export interface SimulateRequest {
  document?: FlowDocument;
  sessionId?: string;
  input?: SimulateInput;
  /** Language of the simulated customer (default: the workspace's). */
  locale?: 'ru' | 'en';
}

export interface BotReply {
  text: string;
  buttons?: Array<Array<{ id: string; text: string; url?: string }>>;
  mediaUrl?: string;
}

export interface SimulatedEffect {
  kind: string;
  summary: string;
}

export interface SimulateResponse {
  sessionId: string;
  replies: BotReply[];
  state: { nodeId: string | null; variables: Record<string, unknown>; status: SessionStatus };
  effects: SimulatedEffect[];
}

export interface Product {
  id: string;
  name: string;
  description: string | null;
  price: string;
  currency: string;
  photoUrl: string | null;
  stock: number | null;
  sku: string | null;
  category: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface BotSessionView {
  id: string;
  flowId: string;
  flowName: string;
  version: number;
  nodeId: string | null;
  status: SessionStatus;
  variables: Record<string, unknown>;
  startedAt: string;
  expiresAt: string | null;
}

/** Socket.IO /agents event 'bot.session.changed'. */
export interface BotSessionChangedEvent {
  conversationId: string;
  session: BotSessionView | null;
}
