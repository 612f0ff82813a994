export { TelephonyChannelAdapter, type TelephonyChannelAdapterOptions } from './telephony.adapter.js';
export { readTelephonySettings, type TelephonyChannelSettings, type TelephonyProviderName } from './telephony.settings.js';
export { SIGNATURE_HEADER, signatureOf } from './providers/generic.provider.js';
export { zadarmaHmac } from './providers/zadarma-signature.js';
