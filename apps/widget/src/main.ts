import { REFUSAL_CODES, type VisitorError, type WidgetConfig } from './protocol.js';
import type { KeyValueStorage } from './store.js';
import { Widget } from './widget.js';

/**
 * <script src="https://inbox.example.com/widget.js" data-token="WIDGET_TOKEN" async></script>
 * The server is where the script came from, unless data-server says otherwise.
 */
function boot(script: HTMLScriptElement | null) {
  const widgetToken = script?.dataset.token;
  if (!script || !widgetToken) {
    console.warn('[omnibox webchat] Add data-token="<widget token>" to the widget script tag.');
    return;
  }
  if (document.getElementById('omnibox-webchat')) return;
  const serverUrl = (script.dataset.server ?? new URL(script.src, location.href).origin).replace(/\/+$/, '');
  const host = document.createElement('div');
  host.id = 'omnibox-webchat';
  document.body.append(host);
  const widget = new Widget({ host, serverUrl, widgetToken, storage: localStorageOrNull(), languages: navigator.languages?.length ? navigator.languages : [navigator.language] });
  void widget.start(() => loadConfig(serverUrl, widgetToken));
}

/** A slow server does not keep the launcher off the page for long: the last known settings are used instead. */
const CONFIG_TIMEOUT_MS = 5000;

/** The settings, a refusal the page should show, or null when the server cannot be reached (the last known settings stay). */
async function loadConfig(serverUrl: string, widgetToken: string): Promise<WidgetConfig | VisitorError | null> {
  try {
    const response = await fetch(`${serverUrl}/api/webchat/${encodeURIComponent(widgetToken)}/config`, { credentials: 'omit', signal: typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(CONFIG_TIMEOUT_MS) : undefined });
    const body = (await response.json()) as WidgetConfig & { code?: string; message?: string };
    if (response.ok) return body;
    if (response.status === 403 || response.status === 404) {
      const code = REFUSAL_CODES.find((refusal) => refusal === body.code) ?? 'widget_not_found';
      return { code, message: body.message ?? response.statusText };
    }
    return null;
  } catch {
    return null;
  }
}

function localStorageOrNull(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

// currentScript exists only while this file runs, so it is taken now, before any waiting.
const ownScript = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[data-token][src*="widget.js"]');
if (document.body) boot(ownScript);
else document.addEventListener('DOMContentLoaded', () => boot(ownScript), { once: true });
