/** A template's attachment as the editor holds it: the file's URL and the name the customer sees. */
export interface AttachmentRow {
  url: string;
  fileName: string;
  contentType?: string;
}

export interface TemplateAttachment {
  url: string;
  fileName?: string;
  contentType?: string;
}

export function attachmentRowsOf(attachments: readonly TemplateAttachment[] | undefined): AttachmentRow[] {
  return (attachments ?? []).map((a) => ({ url: a.url, fileName: a.fileName ?? '', ...(a.contentType ? { contentType: a.contentType } : {}) }));
}

/** The last part of the URL's path, as a default file name. */
export function fileNameFromUrl(url: string): string {
  try {
    const last = new URL(url.trim()).pathname.split('/').filter(Boolean).pop() ?? '';
    return decodeURIComponent(last);
  } catch {
    return '';
  }
}

/** The attachments as the template routes take them: blank rows dropped, an empty name left out. */
export function attachmentsBody(rows: readonly AttachmentRow[]): TemplateAttachment[] {
  return rows
    .filter((row) => row.url.trim())
    .map((row) => ({ url: row.url.trim(), ...(row.fileName.trim() ? { fileName: row.fileName.trim() } : {}), ...(row.contentType ? { contentType: row.contentType } : {}) }));
}

/** The name shown for an attachment in the preview. */
export function attachmentLabel(row: AttachmentRow): string {
  return row.fileName.trim() || fileNameFromUrl(row.url) || row.url.trim();
}
