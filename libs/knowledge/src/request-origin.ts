import type { Request } from 'express';

/** This server's origin as the caller sees it (behind a trusted proxy too). */
export function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
