import type { Response } from 'express';

/** RFC 5987 value: percent-encoded UTF-8, with the characters encodeURIComponent leaves but the RFC reserves. */
const rfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A plain ASCII name for old clients and the UTF-8 name (filename*) that every current browser prefers. */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

export function sendPdf(res: Response, pdf: Buffer, fileName: string, disposition: 'inline' | 'attachment', cache: string): void {
  res
    .status(200)
    .set({
      'content-type': 'application/pdf',
      'content-length': String(pdf.length),
      'content-disposition': contentDisposition(disposition, fileName),
      'x-content-type-options': 'nosniff',
      'cache-control': cache,
    })
    .end(pdf);
}
