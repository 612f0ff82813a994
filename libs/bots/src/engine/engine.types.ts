import type { BotReply, SessionStatus } from '../bot-flow.contract.js';

export type Locale = 'ru' | 'en';

/** A product as the catalog shows it; prices are decimal strings. */
export interface CatalogProduct {
  id: string;
  name: string;
  description: string | null;
  price: string;
  currency: string;
  photoUrl: string | null;
  stock: number | null;
  sku: string | null;
  category: string | null;
}

export interface CartLine {
  productId: string;
  name: string;
  sku: string | null;
  price: string;
  quantity: number;
}

export interface Cart {
  items: CartLine[];
  total: string;
  currency: string;
}

/** The button offered last, in the order shown: a number answer ("2") picks the second one. Link buttons have no id. */
export interface OfferedButton {
  id: string | null;
  text: string;
}

/** Where the current node is inside its own little conversation (a retry count, a catalog page, a form field). */
export interface NodeState {
  retries?: number;
  page?: number;
  productId?: string;
  field?: number;
  offered?: OfferedButton[];
}

export interface EngineState {
  nodeId: string | null;
  status: SessionStatus;
  variables: Record<string, unknown>;
  nodeState: NodeState;
}

export type EngineInput =
  | { kind: 'start' }
  | { kind: 'text'; text: string }
  | { kind: 'button'; buttonId: string; text?: string }
  | { kind: 'timeout' }
  | { kind: 'effect'; ok: boolean; value?: unknown; error?: string };

export interface ContactFacts {
  name: string | null;
  phone: string | null;
  email: string | null;
  tags: string[];
  customFields: Record<string, unknown>;
}

export interface EngineContext {
  locale: Locale;
  now: Date;
  timeZone: string;
  contact: ContactFacts;
  /** The active products (the catalog and stock checks read them). */
  products: CatalogProduct[];
  /** What the customer wrote last (this step's answer, or the message that started the flow). */
  lastMessage?: string;
}

/** Work the engine asks the outside world to do; the result comes back as an 'effect' input. */
export type Effect =
  | {
      kind: 'create_deal';
      title: string;
      pipelineId?: string;
      stageId?: string;
      items: CartLine[];
      amount: string;
      currency: string;
      notifyOwner: boolean;
    }
  | { kind: 'create_task'; title: string; dueInMinutes: number | null; assigneeId?: string }
  | { kind: 'http'; method: string; url: string; headers: Record<string, string>; body?: string; timeoutMs: number }
  | { kind: 'knowledge_search'; query: string; locale: Locale }
  | { kind: 'handoff'; teamId?: string; variables: Record<string, unknown> }
  | { kind: 'end' };

export type BlockingEffect = Extract<Effect, { kind: 'create_deal' | 'create_task' | 'http' | 'knowledge_search' }>;

/** The article a knowledge_search effect answers with (null: nothing found). */
export interface KnowledgeAnswer {
  title: string;
  summary: string;
  url: string;
}

export interface EngineResult {
  state: EngineState;
  replies: BotReply[];
  /** Finishing effects (handoff, end) and, last, the blocking one the engine waits for. */
  effects: Effect[];
  /** input: waits for the customer; effect: waits for the last effect's result; none: finished. */
  awaiting: 'input' | 'effect' | 'none';
}
