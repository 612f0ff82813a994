import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * What the product knows about one inbox type's settings: their shape, which values are secret
 * (encrypted at rest, never answered by the API) and which values the server generates itself.
 */
export interface InboxSettingsDefinition {
  /** The complete settings as stored, secrets in plain text. */
  schema: z.ZodObject<z.ZodRawShape, z.core.$ZodObjectConfig>;
  /**
   * Dot paths of secret values. `record.*` marks every value of a free-form record as secret,
   * because the names of provider credentials differ from one provider to the next.
   */
  secretPaths: readonly string[];
  /** Top-level keys the server fills in on create and owns afterwards; a client's value is ignored. */
  generated?: Readonly<Record<string, () => string>>;
  /**
   * Top-level keys the channel's connect step fills in (the bot's name, a webhook secret); a client's
   * value is ignored, and each connect replaces all of them.
   */
  connected?: readonly string[];
}

/**
 * A secret is checked for presence only: a secret kept from the stored settings is validated in its
 * encrypted form, so a format rule here would reject every update that leaves the secret out.
 */
export const secretString = () => z.string().min(1);

export const httpUrl = () => z.url({ protocol: /^https?$/ }).max(2000);

/** A host name, or `*.example.com` for every subdomain of example.com. */
export const hostPattern = () => z.string().trim().toLowerCase().regex(/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/).max(253);

/** A two-letter country code (ISO 3166-1), the region national phone numbers are read in. */
export const regionCode = () => z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/);

/** Free-form values keyed by plain identifiers, so that a key can never be read as part of a dot path. */
export const freeFormRecord = () =>
  z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/), z.string().max(4000))
    .prefault({});

export const generateHexSecret = () => randomBytes(32).toString('hex');
export const generateUrlSafeToken = () => randomBytes(24).toString('base64url');
