import type { AssignmentKind } from '@app/db';

/** An agent who may take conversations of a scope, with what routing knows about them right now. */
export interface Candidate {
  userId: string;
  /** Null: no limit. */
  capacity: number | null;
  /** Open conversations assigned now. */
  load: number;
  online: boolean;
  lastAssignedAt: Date | null;
}

export interface PickRequest {
  kind: AssignmentKind;
  /** In the policy's order (strict order walks it; round robin cycles it). */
  candidates: Candidate[];
  /** Round robin continues after this agent. */
  lastAssignedUserId: string | null;
  /** Agents who must not get it (strict order: those who had their turn). */
  exclude?: ReadonlySet<string>;
  /** Sticky: the agents who handled the contact, best first. */
  preferred?: string[];
  /** What sticky does when none of the preferred agents is free. */
  stickyFallback?: AssignmentKind;
}

export const hasRoom = (c: Candidate) => c.online && (c.capacity === null || c.load < c.capacity);

/** The agent a policy chooses, or null when nobody online has room (the conversation then waits). */
export function pickAgent(request: PickRequest): string | null {
  const exclude = request.exclude ?? new Set<string>();
  const free = request.candidates.filter((c) => hasRoom(c) && !exclude.has(c.userId));
  if (free.length === 0) return null;
  switch (request.kind) {
    case 'manual':
      return null;
    case 'strict_order':
      return free[0].userId;
    case 'least_busy':
      return leastBusy(free);
    case 'round_robin':
      return nextInTurn(request.candidates, free, request.lastAssignedUserId);
    case 'sticky': {
      const preferred = request.preferred?.find((id) => free.some((c) => c.userId === id));
      if (preferred) return preferred;
      const fallback = request.stickyFallback === 'round_robin' || request.stickyFallback === 'strict_order' ? request.stickyFallback : 'least_busy';
      return pickAgent({ ...request, kind: fallback, preferred: undefined });
    }
  }
}

/** Fewest open conversations; on a tie, whoever waited longest since their last assignment. */
function leastBusy(free: Candidate[]): string {
  const waitedSince = (c: Candidate) => c.lastAssignedAt?.getTime() ?? -Infinity;
  return [...free].sort((a, b) => a.load - b.load || waitedSince(a) - waitedSince(b))[0].userId;
}

/** The first agent with room after the one who got the last conversation, wrapping around. */
function nextInTurn(all: Candidate[], free: Candidate[], lastUserId: string | null): string {
  const start = lastUserId ? all.findIndex((c) => c.userId === lastUserId) + 1 : 0;
  for (let i = 0; i < all.length; i++) {
    const candidate = all[(start + i) % all.length];
    if (free.includes(candidate)) return candidate.userId;
  }
  return free[0].userId;
}
