/** The bot-flow shapes the web app uses: the REST contract of libs/bots, plus the editor's own view of a document. */
// The browser takes only the wire types, not the lib's index (which brings the Nest server with it).
// eslint-disable-next-line no-restricted-imports
import type { LocalizedText } from '../../../../libs/bots/src/bot-flow.contract.js';

// eslint-disable-next-line no-restricted-imports
export type {
  BotFlow,
  BotFlowSummary,
  BotFlowVersionInfo,
  BotReply,
  BotSessionChangedEvent,
  BotSessionView,
  Product,
  SessionStatus,
  SimulateInput,
  SimulateResponse,
  Trigger,
  ValidateFlowResponse,
} from '../../../../libs/bots/src/bot-flow.contract.js';

export type FlowText = LocalizedText;

/**
 * A node as the editor sees it: JSON a manager is typing, not yet checked by the server, so any
 * field may be there. The server's schema (flowDocumentSchema) says what is valid.
 */
export interface FlowNode {
  id: string;
  type: string;
  title?: string;
  position?: { x: number; y: number };
  [field: string]: unknown;
}

export interface FlowEdge {
  from: string;
  to: string;
  /** The branch: omitted means "next"; otherwise a button id, "true"/"false", "invalid", "error", "timeout", "empty"… */
  on?: string;
}

export interface FlowDocument {
  start: string;
  timeoutMinutes?: number;
  onTimeout?: 'handoff' | 'end';
  nodes: FlowNode[];
  edges: FlowEdge[];
}
