import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { DomainException, ErrorCode, SchemaValidationPipe, SecretBox } from '@app/common';
import type { InboxType } from '@app/db';
import { INBOX_SECRET_BOX } from './inbox.tokens.js';
import { keepStoredSecrets, openSecrets, redactSecrets, sealSecrets } from './settings/secret-settings.js';
import type { InboxSettingsDefinition } from './settings/settings-definition.js';
import { cloneSettings, type Settings } from './settings/settings-paths.js';
import { settingsDefinitionOf } from './settings/settings-registry.js';

/** Settings ready to store, and the generated secrets the client sees this one time. */
export interface SealedSettings {
  stored: Settings;
  revealed: Record<string, string>;
}

/**
 * Turns settings sent by a client into settings to store (validated, generated values filled in,
 * secrets encrypted) and stored settings into what the API may show.
 */
@Injectable()
export class InboxSettingsService {
  private readonly validator = new SchemaValidationPipe();

  constructor(@Inject(INBOX_SECRET_BOX) private readonly box: SecretBox) {}

  async forCreate(type: InboxType, input: Settings): Promise<SealedSettings> {
    const definition = settingsDefinitionOf(type);
    const settings = withoutServerOwned(definition, input);
    const revealed: Record<string, string> = {};
    for (const [key, generate] of generators(definition)) {
      settings[key] = generate();
      if (isSecretKey(definition, key)) revealed[key] = settings[key] as string;
    }
    const valid = await this.validate(definition, settings);
    return { stored: sealSecrets(definition, valid, this.box), revealed };
  }

  /** Non-secret settings are replaced as sent; secrets left out keep their stored values. */
  async forUpdate(type: InboxType, input: Settings, stored: Settings): Promise<Settings> {
    const definition = settingsDefinitionOf(type);
    const settings = keepStoredSecrets(definition, withoutServerOwned(definition, input), stored);
    for (const [key, generate] of generators(definition)) settings[key] = stored[key] ?? generate();
    for (const key of definition.connected ?? []) {
      if (stored[key] === undefined) delete settings[key];
      else settings[key] = stored[key];
    }
    const valid = await this.validate(definition, settings);
    return sealSecrets(definition, valid, this.box, stored);
  }

  /** The settings with what the channel's connect step answered in place of the previous connection's values. */
  async withConnected(type: InboxType, stored: Settings, connected: Settings): Promise<Settings> {
    const definition = settingsDefinitionOf(type);
    const settings = cloneSettings(stored);
    for (const key of definition.connected ?? []) delete settings[key];
    Object.assign(settings, cloneSettings(connected));
    const valid = await this.validate(definition, settings);
    return sealSecrets(definition, valid, this.box, stored);
  }

  /** Whether the change touches what the channel connection depends on (credentials, mode, server). */
  connectionChanged(type: InboxType, before: Settings, after: Settings): boolean {
    const connected = settingsDefinitionOf(type).connected ?? [];
    const own = (settings: Settings) => Object.fromEntries(Object.entries(settings).filter(([key]) => !connected.includes(key)));
    return !isDeepStrictEqual(own(before), own(after));
  }

  /** Replaces every generated secret of the inbox (the integrator's webhook secret). */
  rotate(type: InboxType, stored: Settings): SealedSettings {
    const definition = settingsDefinitionOf(type);
    const secretGenerators = generators(definition).filter(([key]) => isSecretKey(definition, key));
    if (secretGenerators.length === 0) throw new DomainException(ErrorCode.NoRotatableSecret, { params: { type } });
    const settings = cloneSettings(stored);
    const revealed: Record<string, string> = {};
    for (const [key, generate] of secretGenerators) settings[key] = revealed[key] = generate();
    return { stored: sealSecrets(definition, settings, this.box, stored), revealed };
  }

  redact(type: InboxType, stored: Settings): { settings: Settings; secretFields: string[] } {
    return redactSecrets(settingsDefinitionOf(type), stored);
  }

  reveal(type: InboxType, stored: Settings): Settings {
    return openSecrets(settingsDefinitionOf(type), stored, this.box);
  }

  /** Reports problems as `settings.<path>` in the request's language, like every other validation error. */
  private async validate(definition: InboxSettingsDefinition, settings: Settings): Promise<Settings> {
    const schema = z.object({ settings: definition.schema });
    const parsed = (await this.validator.transform({ settings }, { type: 'body', schema })) as { settings: Settings };
    return parsed.settings;
  }
}

const generators = (definition: InboxSettingsDefinition) => Object.entries(definition.generated ?? {});

const isSecretKey = (definition: InboxSettingsDefinition, key: string) => definition.secretPaths.includes(key);

/** The input without the values the server fills in itself, which a client may not choose. */
function withoutServerOwned(definition: InboxSettingsDefinition, input: Settings): Settings {
  const settings = cloneSettings(input);
  for (const key of [...Object.keys(definition.generated ?? {}), ...(definition.connected ?? [])]) delete settings[key];
  return settings;
}
