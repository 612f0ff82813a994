import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from './api/client.js';
import type { Inbox, LiveEvent, Page, Pipeline, Team, User } from './api/types.js';
import { useApp } from './app-context.js';
import { LiveConnection, type LiveStatus } from './live/live-connection.js';

interface Workspace {
  inboxes: Inbox[];
  teams: Team[];
  /** Everyone an agent can hand a conversation to; an agent who may not list users sees only themself. */
  users: User[];
  pipelines: Pipeline[];
  live: LiveConnection | null;
  liveStatus: LiveStatus;
  online: Set<string>;
  inboxById(id: string | null | undefined): Inbox | undefined;
  userName(id: string | null | undefined): string;
  reloadPipelines(): Promise<void>;
  /** Fetches the inboxes again, after one was connected, changed or removed in settings. */
  reloadInboxes(): Promise<void>;
}

const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside WorkspaceProvider');
  return value;
}

/** Calls handler for every live event while the component is mounted. */
export function useLiveEvents(handler: (event: LiveEvent) => void) {
  const { live } = useWorkspace();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => live?.subscribe((event) => ref.current(event)), [live]);
}

/** Calls handler when the live channel came back without a way to catch up: reload what is shown. */
export function useResync(handler: () => void) {
  const { live } = useWorkspace();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => live?.onResync(() => ref.current()), [live]);
}

async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page: Page<T> = await api.get<Page<T>>(path, { limit: 100, cursor });
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const { session, me, signOut } = useApp();
  const [inboxes, setInboxes] = useState<Inbox[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [users, setUsers] = useState<User[]>([]);
  const [pipelines, setPipelines] = useState<Pipeline[]>([]);
  const [live, setLive] = useState<LiveConnection | null>(null);
  const [liveStatus, setLiveStatus] = useState<LiveStatus>('connecting');
  const [online, setOnline] = useState<Set<string>>(new Set());
  const token = session?.token;

  const reloadPipelines = useCallback(async () => {
    setPipelines(await api.get<Pipeline[]>('/pipelines').catch(() => []));
  }, []);

  const reloadInboxes = useCallback(async () => {
    const list = await allPages<Inbox>('/inboxes').catch(() => null);
    if (list) setInboxes(list);
  }, []);

  useEffect(() => {
    if (!token || !me) return;
    let cancelled = false;
    void (async () => {
      const [inboxList, teamList, userList] = await Promise.all([
        allPages<Inbox>('/inboxes').catch(() => []),
        allPages<Team>('/teams').catch(() => []),
        allPages<User>('/users').catch(() => [me]),
      ]);
      if (cancelled) return;
      setInboxes(inboxList);
      setTeams(teamList);
      setUsers(userList.filter((u) => u.active !== false));
    })();
    void reloadPipelines();
    return () => {
      cancelled = true;
    };
    // The lists belong to the signed-in user, not to edits of their name or language.
  }, [token, me?.id, reloadPipelines]);

  useEffect(() => {
    if (!token) return;
    const connection = new LiveConnection(token, () => signOut('ui.login.expired'));
    const offStatus = connection.onStatus(setLiveStatus);
    const offPresence = connection.subscribe((event) => {
      if (event.type === 'presence') setOnline(new Set(connection.online));
    });
    connection.start();
    setLive(connection);
    return () => {
      offStatus();
      offPresence();
      connection.stop();
      setLive(null);
    };
  }, [token, signOut]);

  const value = useMemo<Workspace>(() => {
    const inboxMap = new Map(inboxes.map((i) => [i.id, i]));
    const userMap = new Map(users.map((u) => [u.id, u]));
    return {
      inboxes,
      teams,
      users,
      pipelines,
      live,
      liveStatus,
      online,
      inboxById: (id) => (id ? inboxMap.get(id) : undefined),
      userName: (id) => (id ? (userMap.get(id)?.name ?? (id === me?.id ? me.name : '')) : ''),
      reloadPipelines,
      reloadInboxes,
    };
  }, [inboxes, teams, users, pipelines, live, liveStatus, online, me, reloadPipelines, reloadInboxes]);

  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}
