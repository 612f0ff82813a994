import { ApiError, type ApiErrorBody } from '../api/api-error.js';
import { attachmentName } from '../reports/csv-export.js';

export type DocumentKind = 'invoice' | 'quote' | 'contract';
export type DocumentLocale = 'ru' | 'en';
export const DOCUMENT_KINDS: DocumentKind[] = ['invoice', 'quote', 'contract'];
export const DOCUMENT_LOCALES: DocumentLocale[] = ['ru', 'en'];

export interface DocumentTemplate {
  id: string;
  kind: DocumentKind;
  name: string;
  locale: DocumentLocale;
  html: string;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DealDocument {
  id: string;
  dealId: string;
  templateId: string | null;
  kind: DocumentKind;
  number: string;
  title: string;
  fileName: string;
  size: number;
  createdById: string | null;
  createdAt: string;
}

export interface SellerRequisites {
  companyName: string;
  taxId: string;
  kpp: string;
  address: string;
  bank: string;
  account: string;
  bik: string;
  signatory: string;
}

export const REQUISITE_FIELDS: Array<keyof SellerRequisites> = ['companyName', 'taxId', 'kpp', 'address', 'bank', 'account', 'bik', 'signatory'];

export interface TemplateVariables {
  variables: string[];
  itemVariables: string[];
}

interface Auth {
  token: string | null;
  locale: string;
}

/** A PDF from the API as a Blob: a plain link or iframe cannot carry the Authorization header. */
export async function fetchPdf(path: string, auth: Auth, body?: unknown): Promise<{ blob: Blob; fileName: string }> {
  const headers: Record<string, string> = { Accept: 'application/pdf, application/json', 'Accept-Language': auth.locale };
  if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api${path}`, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new ApiError(response.status, (await response.json().catch(() => ({}))) as ApiErrorBody, response.statusText || 'Download failed');
  return { blob: await response.blob(), fileName: attachmentName(response.headers.get('Content-Disposition'), 'document.pdf') };
}

/** Hands a Blob to the browser as a download under its name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
