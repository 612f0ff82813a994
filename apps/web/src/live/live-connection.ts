import { io, type Socket } from 'socket.io-client';
import { LIVE_EVENT_TYPES, type LiveEvent, type PresencePayload } from '../api/types.js';
import { EventLog } from './event-log.js';

export type LiveStatus = 'connecting' | 'online' | 'reconnecting';

type Listener = (event: LiveEvent) => void;

/**
 * The agent's live channel: the /agents namespace of Socket.IO. Every (re)connection passes the last
 * event id seen, so the server first sends what was missed during a drop; ids seen twice are dropped.
 * Before any event has arrived there is no id to catch up from: a reconnect then asks the screens
 * to load their data again (resync) instead.
 */
export class LiveConnection {
  private socket: Socket | null = null;
  private readonly log = new EventLog();
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private readonly resyncListeners = new Set<() => void>();
  private readonly joined = new Set<string>();
  private everOnline = false;
  private authFailed = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  status: LiveStatus = 'connecting';
  online = new Set<string>();

  constructor(
    private readonly token: string,
    private readonly onAuthError: () => void,
  ) {}

  start() {
    const socket = io('/agents', {
      auth: (cb) => cb({ token: this.token, ...(this.log.lastEventId ? { lastEventId: this.log.lastEventId } : {}) }),
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
    });
    this.socket = socket;
    socket.on('ready', () => {
      const resync = this.everOnline && this.log.lastEventId === 0;
      this.everOnline = true;
      this.setStatus('online');
      for (const conversationId of this.joined) socket.emit('conversation.join', { conversationId });
      socket.emit('presence.list', {}, (answer: { online?: string[] }) => {
        this.online = new Set(answer?.online ?? []);
        this.emitLocal({ id: 0, type: 'presence', inboxId: null, conversationId: null, payload: { userId: '', status: 'online' }, at: new Date().toISOString() });
      });
      if (resync) for (const listener of this.resyncListeners) listener();
    });
    socket.on('disconnect', (reason) => {
      if (this.authFailed) return;
      this.setStatus(this.everOnline ? 'reconnecting' : 'connecting');
      // The server closed the socket (a restart or a deploy): Socket.IO does not retry that on its own.
      if (reason === 'io server disconnect') this.retryTimer = setTimeout(() => socket.connect(), 1000);
    });
    socket.on('connect_error', () => this.setStatus(this.everOnline ? 'reconnecting' : 'connecting'));
    socket.on('auth_error', () => {
      this.authFailed = true;
      this.onAuthError();
    });
    for (const type of LIVE_EVENT_TYPES) {
      socket.on(type, (event: LiveEvent) => {
        if (!event || !this.log.accept(Number(event.id) || 0)) return;
        if (type === 'presence') this.trackPresence(event.payload as PresencePayload);
        this.emitLocal(event);
      });
    }
  }

  stop() {
    clearTimeout(this.retryTimer);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.listeners.clear();
    this.statusListeners.clear();
    this.resyncListeners.clear();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  /** Opening a conversation: its typing indicators come to this browser from now on. */
  join(conversationId: string) {
    this.joined.add(conversationId);
    this.socket?.emit('conversation.join', { conversationId });
  }

  leave(conversationId: string) {
    this.joined.delete(conversationId);
    this.socket?.emit('conversation.leave', { conversationId });
  }

  typing(conversationId: string, typing: boolean) {
    this.socket?.emit('typing', { conversationId, typing });
  }

  private trackPresence(payload: PresencePayload) {
    if (payload.status === 'offline') this.online.delete(payload.userId);
    else this.online.add(payload.userId);
  }

  private emitLocal(event: LiveEvent) {
    for (const listener of this.listeners) listener(event);
  }

  private setStatus(status: LiveStatus) {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
