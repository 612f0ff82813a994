import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type { DefaultEventsMap } from 'socket.io';
import { AuthGuard, InboxAccessService, type AuthUser } from '@app/auth';
import { rooms } from './agent-events.js';
import { PRESENCE_HEARTBEAT_MS } from './presence-tracker.js';
import { RealtimeService } from './realtime.service.js';

interface AgentSocketData {
  user: AuthUser;
  inboxIds: string[] | null;
}

type AgentSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, AgentSocketData>;

/**
 * /agents: signed-in agents' browsers. The JWT comes in the handshake (`auth: { token, lastEventId? }`);
 * the socket joins its user room and the rooms of the inboxes it may see, so it only ever receives
 * events of those inboxes. With lastEventId it first receives what it missed.
 */
@WebSocketGateway({ namespace: '/agents', cors: { origin: true, credentials: true } })
export class AgentsGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('AgentsGateway');
  private heartbeat: NodeJS.Timeout | undefined;
  @WebSocketServer() namespace!: Namespace;

  constructor(
    private readonly realtime: RealtimeService,
    private readonly auth: AuthGuard,
    private readonly inboxAccess: InboxAccessService,
  ) {}

  afterInit(namespace: Namespace) {
    this.realtime.attach(namespace as unknown as Parameters<RealtimeService['attach']>[0]);
    this.heartbeat = setInterval(() => void this.reportConnectedUsers(), PRESENCE_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onModuleDestroy() {
    clearInterval(this.heartbeat);
  }

  private async reportConnectedUsers() {
    const tracker = this.realtime.presenceTracker;
    if (!tracker) return;
    const users = new Set<string>();
    for (const socket of this.namespace.sockets.values()) {
      const user = (socket.data as AgentSocketData | undefined)?.user;
      if (user?.kind === 'user') users.add(user.id);
    }
    await tracker.heartbeat([...users]).catch((error) => this.logger.warn(`Presence heartbeat failed: ${(error as Error).message}`));
  }

  async handleConnection(socket: AgentSocket) {
    const { token, lastEventId } = (socket.handshake.auth ?? {}) as { token?: unknown; lastEventId?: unknown };
    let user: AuthUser;
    try {
      if (typeof token !== 'string' || !token) throw new Error('no token');
      user = await this.auth.fromToken(token);
    } catch {
      socket.emit('auth_error', { code: 'unauthorized', message: 'Sign in again: the access token is missing or expired.' });
      socket.disconnect(true);
      return;
    }
    const inboxIds = await this.inboxAccess.visibleInboxIds(user);
    socket.data = { user, inboxIds };
    await socket.join(['agents', rooms.user(user.id), ...(inboxIds === null ? [rooms.allInboxes] : inboxIds.map(rooms.inbox))]);
    if (typeof lastEventId === 'number' && lastEventId >= 0) await this.sendMissed(socket, lastEventId);
    socket.emit('ready', { userId: user.id });
    if (user.kind !== 'user') return;
    const tracker = this.realtime.presenceTracker;
    if (tracker) await tracker.connected(user.id).catch((error) => this.logger.warn(`Presence update failed: ${(error as Error).message}`));
    else this.realtime.emitMomentary('presence', { userId: user.id, status: 'online' }, { everyone: true });
  }

  async handleDisconnect(socket: AgentSocket) {
    const user = socket.data?.user;
    if (!user || user.kind !== 'user') return;
    // Another tab or device of the same agent keeps them online (counted across processes with Redis).
    const remaining = await this.namespace.in(rooms.user(user.id)).fetchSockets().catch(() => []);
    if (remaining.length === 0) {
      const tracker = this.realtime.presenceTracker;
      if (tracker) await tracker.disconnected(user.id).catch((error) => this.logger.warn(`Presence update failed: ${(error as Error).message}`));
      else this.realtime.emitMomentary('presence', { userId: user.id, status: 'offline' }, { everyone: true });
    }
    this.logger.debug?.(`agent ${user.id} disconnected`);
  }

  /** Who is online now: ids of agents online or busy (with the stored presence, each agent's status too). */
  @SubscribeMessage('presence.list')
  async presenceList(@ConnectedSocket() socket: AgentSocket) {
    if (!socket.data?.user) return { online: [] };
    const tracker = this.realtime.presenceTracker;
    if (tracker) {
      const agents = await tracker.list();
      return { online: agents.filter((a) => a.status !== 'offline').map((a) => a.userId), agents };
    }
    const sockets = await this.namespace.in('agents').fetchSockets();
    const online = new Set(sockets.map((s) => (s.data as AgentSocketData | undefined)?.user).filter((u) => u?.kind === 'user').map((u) => u!.id));
    return { online: [...online] };
  }

  /** The agent did something in the app (the client sends this now and then while they work): not idle. */
  @SubscribeMessage('presence.activity')
  async activity(@ConnectedSocket() socket: AgentSocket) {
    const user = socket.data?.user;
    if (!user || user.kind !== 'user') return { ok: false };
    await this.realtime.presenceTracker?.activity(user.id);
    return { ok: true };
  }

  /** Explicit catch-up: answers (ack) the events after lastEventId that this agent may see. */
  @SubscribeMessage('catch_up')
  async catchUp(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { lastEventId?: number }) {
    if (!socket.data?.user) return { events: [] };
    const events = await this.realtime.catchUp(Number(body?.lastEventId) || 0, socket.data.user.id, socket.data.inboxIds);
    return { events };
  }

  /** Opening a conversation: its room carries typing indicators. */
  @SubscribeMessage('conversation.join')
  async joinConversation(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { conversationId?: string }) {
    const inboxId = await this.visibleConversationInbox(socket, body?.conversationId);
    if (!inboxId) return { ok: false };
    await socket.join(rooms.conversation(body.conversationId!));
    void this.realtime.presenceTracker?.activity(socket.data.user.id).catch(() => undefined);
    return { ok: true };
  }

  @SubscribeMessage('typing')
  async typing(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { conversationId?: string; typing?: boolean }) {
    const inboxId = await this.visibleConversationInbox(socket, body?.conversationId);
    if (!inboxId) return { ok: false };
    const payload = { conversationId: body.conversationId!, userId: socket.data.user.id, typing: Boolean(body.typing) };
    socket.to(rooms.conversation(body.conversationId!)).emit('typing', { id: 0, type: 'typing', inboxId, conversationId: body.conversationId, payload, at: new Date().toISOString() });
    this.realtime.notifyAgentTyping(payload, inboxId);
    void this.realtime.presenceTracker?.activity(socket.data.user.id).catch(() => undefined);
    return { ok: true };
  }

  private async visibleConversationInbox(socket: AgentSocket, conversationId: unknown): Promise<string | null> {
    if (!socket.data?.user || typeof conversationId !== 'string') return null;
    const inboxId = await this.realtime.inboxOfConversation(conversationId);
    if (!inboxId) return null;
    const { inboxIds } = socket.data;
    return inboxIds === null || inboxIds.includes(inboxId) ? inboxId : null;
  }

  @SubscribeMessage('conversation.leave')
  async leaveConversation(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { conversationId?: string }) {
    if (typeof body?.conversationId === 'string') await socket.leave(rooms.conversation(body.conversationId));
    return { ok: true };
  }

  private async sendMissed(socket: AgentSocket, lastEventId: number) {
    const { user, inboxIds } = socket.data;
    for (const envelope of await this.realtime.catchUp(lastEventId, user.id, inboxIds)) socket.emit(envelope.type, envelope);
  }
}
