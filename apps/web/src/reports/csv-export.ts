import { withQuery } from '../api/client.js';
import { ApiError, type ApiErrorBody } from '../api/api-error.js';

/** The file name a Content-Disposition header gives, or the fallback. */
export function attachmentName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // A malformed encoded name: the plain one or the fallback still works.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : fallback;
}

/**
 * Downloads a report as CSV. A plain link cannot carry the Authorization header, so the file is
 * fetched with it and handed to the browser as a Blob link.
 */
export async function downloadReportCsv(query: Record<string, string>, auth: { token: string | null; locale: string }, fallbackName: string): Promise<string> {
  const headers: Record<string, string> = { Accept: 'text/csv', 'Accept-Language': auth.locale };
  if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
  const response = await fetch(`/api${withQuery('/reports/export', query)}`, { headers });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as ApiErrorBody;
    throw new ApiError(response.status, body, response.statusText || 'Export failed');
  }
  const blob = await response.blob();
  const name = attachmentName(response.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the URL can go a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
