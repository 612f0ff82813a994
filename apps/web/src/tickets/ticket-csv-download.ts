import { ApiError, type ApiErrorBody } from '../api/api-error.js';
import { withQuery } from '../api/client.js';
import { attachmentName } from '../reports/csv-export.js';

/** Fetches the tickets CSV with the session's token (a plain link cannot carry it) and hands it to the browser. */
export async function downloadTicketsCsv(query: Record<string, string>, auth: { token: string | null; locale: string }): Promise<void> {
  const headers: Record<string, string> = { Accept: 'text/csv', 'Accept-Language': auth.locale };
  if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
  const response = await fetch(`/api${withQuery('/tickets', { ...query, format: 'csv' })}`, { headers });
  if (!response.ok) throw new ApiError(response.status, (await response.json().catch(() => ({}))) as ApiErrorBody, response.statusText || 'Export failed');
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = attachmentName(response.headers.get('Content-Disposition'), 'tickets.csv');
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
