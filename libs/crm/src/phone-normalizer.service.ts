import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { normalizePhone, normalizePhones, tryNormalizePhone } from './phone.util.js';

/** Phone normalisation with the deployment's default region (DEFAULT_PHONE_REGION) for numbers typed without a country code. */
@Injectable()
export class PhoneNormalizer {
  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'DEFAULT_PHONE_REGION'>) {}

  get defaultRegion(): string {
    return this.config.DEFAULT_PHONE_REGION;
  }

  normalize(value: string): string {
    return normalizePhone(value, this.defaultRegion);
  }

  normalizeAll(values: readonly string[]): string[] {
    return normalizePhones(values, this.defaultRegion);
  }

  tryNormalize(value: string): string | null {
    return tryNormalizePhone(value, this.defaultRegion);
  }
}
