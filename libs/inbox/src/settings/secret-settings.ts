import { SecretBox } from '@app/common';
import type { InboxSettingsDefinition } from './settings-definition.js';
import { cloneSettings, deletePath, expandPaths, getPath, setPath, type Settings } from './settings-paths.js';

/** The secret paths that hold a value in these settings. */
export function setSecretPaths(definition: InboxSettingsDefinition, settings: Settings): string[] {
  return expandPaths(definition.secretPaths, settings).filter((path) => getPath(settings, path) !== undefined);
}

/** Settings as the API shows them: every secret removed, and the list of secrets that are set. */
export function redactSecrets(definition: InboxSettingsDefinition, stored: Settings): { settings: Settings; secretFields: string[] } {
  const secretFields = setSecretPaths(definition, stored);
  const settings = cloneSettings(stored);
  for (const path of secretFields) deletePath(settings, path);
  return { settings, secretFields };
}

/**
 * Fills the secrets an update leaves out with their stored values, so that a client that never
 * sees the secrets can still send the settings back. A secret sent as null is removed.
 */
export function keepStoredSecrets(definition: InboxSettingsDefinition, incoming: Settings, stored: Settings): Settings {
  const merged = cloneSettings(incoming);
  for (const path of expandPaths(definition.secretPaths, incoming, stored)) {
    const value = getPath(merged, path);
    if (value === null) deletePath(merged, path);
    else if (value === undefined && getPath(stored, path) !== undefined) setPath(merged, path, getPath(stored, path));
  }
  return merged;
}

/** Encrypts every secret except those kept unchanged from the stored settings (already encrypted). */
export function sealSecrets(definition: InboxSettingsDefinition, settings: Settings, box: SecretBox, stored: Settings = {}): Settings {
  const sealed = cloneSettings(settings);
  for (const path of setSecretPaths(definition, sealed)) {
    const value = getPath(sealed, path);
    if (typeof value !== 'string') continue;
    const unchanged = SecretBox.isEncrypted(value) && value === getPath(stored, path);
    if (!unchanged) setPath(sealed, path, box.encrypt(value));
  }
  return sealed;
}

/** The stored settings with their secrets decrypted, for the code that talks to the channel. */
export function openSecrets(definition: InboxSettingsDefinition, stored: Settings, box: SecretBox): Settings {
  const opened = cloneSettings(stored);
  for (const path of setSecretPaths(definition, opened)) {
    const value = getPath(opened, path);
    if (SecretBox.isEncrypted(value)) setPath(opened, path, box.decrypt(value));
  }
  return opened;
}
