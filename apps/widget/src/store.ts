import type { VisitorMessage, WidgetConfig } from './protocol.js';

/** A visitor message that the server has not acknowledged yet. */
export interface PendingMessage {
  clientId: string;
  text: string;
  createdAt: string;
}

export interface ContactDraft {
  name?: string;
  email?: string;
}

/** What the widget remembers across page loads, per widget token. */
export interface WidgetState {
  visitorToken: string | null;
  /** The visitor sent or dismissed the contact form, so it is not shown again. */
  contactDone: boolean;
  /** A contact form filled while the server was unreachable. */
  pendingContact: ContactDraft | null;
  outbox: PendingMessage[];
  /** The last known thread, shown at once on the next page while the server answers. */
  history: VisitorMessage[];
  config: WidgetConfig | null;
  open: boolean;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const HISTORY_KEPT = 100;

const emptyState = (): WidgetState => ({
  visitorToken: null,
  contactDone: false,
  pendingContact: null,
  outbox: [],
  history: [],
  config: null,
  open: false,
});

/**
 * The widget's state in localStorage. Storage may be missing or full (private modes, quotas): the
 * widget then keeps working from memory for this page.
 */
export class WidgetStore {
  private state: WidgetState;

  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly key: string,
  ) {
    this.state = this.read();
  }

  get(): Readonly<WidgetState> {
    return this.state;
  }

  update(change: Partial<WidgetState>): Readonly<WidgetState> {
    this.state = { ...this.state, ...change };
    if (change.history) this.state.history = this.state.history.slice(-HISTORY_KEPT);
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.state));
    } catch {
      // Quota exceeded or storage forbidden: the state lives on in memory.
    }
    return this.state;
  }

  private read(): WidgetState {
    try {
      const raw = this.storage?.getItem(this.key);
      const parsed = raw ? (JSON.parse(raw) as Partial<WidgetState>) : {};
      const state = { ...emptyState(), ...parsed };
      return {
        ...state,
        outbox: Array.isArray(state.outbox) ? state.outbox : [],
        history: Array.isArray(state.history) ? state.history : [],
      };
    } catch {
      return emptyState();
    }
  }
}
