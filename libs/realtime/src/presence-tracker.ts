import type { AgentEventMap } from './agent-events.js';

export type PresenceStatus = AgentEventMap['presence']['status'];

/**
 * Where agents' presence is kept. Without one, presence is what this process's sockets show; a lib
 * that stores presence for every process (routing) installs a tracker, and the gateway reports to it.
 */
export interface PresenceTracker {
  /** A socket of this user connected. */
  connected(userId: string): Promise<void>;
  /** The user's last socket (across processes) disconnected. */
  disconnected(userId: string): Promise<void>;
  /** Users with a socket in this process, reported every heartbeat so that presence outlives no crashed process. */
  heartbeat(userIds: string[]): Promise<void>;
  /** The user did something (typed, clicked): they are not idle. */
  activity(userId: string): Promise<void>;
  list(): Promise<Array<{ userId: string; status: PresenceStatus }>>;
}

/** How often a server process reports its connected users to the tracker. */
export const PRESENCE_HEARTBEAT_MS = 30_000;
