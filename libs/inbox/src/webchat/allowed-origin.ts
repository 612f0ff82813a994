/**
 * The origin a browser request comes from. Browsers always send Origin on WebSocket handshakes and
 * cross-site requests; a same-site polling request may carry only a Referer, whose origin is as
 * much the browser's word as the Origin header is.
 */
export function requestOrigin(headers: Record<string, string | string[] | undefined>): string | null {
  const origin = firstHeader(headers.origin);
  if (origin && origin !== 'null') return normalizeOrigin(origin);
  const referer = firstHeader(headers.referer);
  return referer ? normalizeOrigin(referer) : null;
}

/** Scheme, host and port in the browser's spelling (lower case, no default port); null for anything else. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Exact origin match: no wildcards and no sub-domains, so each site is listed on purpose. */
export function isOriginAllowed(origin: string | null, allowedOrigins: readonly string[]): boolean {
  if (!origin) return false;
  return allowedOrigins.some((allowed) => normalizeOrigin(allowed) === origin);
}

export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
