import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';
import { useLiveEvents, useResync } from '../workspace.js';
import { changesDashboard, LiveRefresher } from './live-refresher.js';
import type { LiveDashboard } from './types.js';

/** The live dashboard, reloaded (debounced) whenever a live event changes what it counts. */
export function useLiveDashboard() {
  const [data, setData] = useState<LiveDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresher = useRef<LiveRefresher | null>(null);

  useEffect(() => {
    let mounted = true;
    const instance = new LiveRefresher(async () => {
      try {
        const next = await api.get<LiveDashboard>('/dashboard/live');
        if (!mounted) return;
        setData(next);
        setError(null);
      } catch (caught) {
        if (mounted) setError(caught instanceof Error ? caught.message : String(caught));
      }
    });
    refresher.current = instance;
    void instance.now();
    return () => {
      mounted = false;
      instance.stop();
      refresher.current = null;
    };
  }, []);

  useLiveEvents((event) => {
    if (changesDashboard(event.type)) refresher.current?.trigger();
  });
  useResync(() => void refresher.current?.now());

  return { data, error, reload: () => void refresher.current?.now() };
}
