export { SmsChannelAdapter, type SmsChannelAdapterOptions } from './sms.adapter.js';
export { countSmsSegments, smsCapacity, splitSms, type SmsEncoding, type SmsSegments } from './sms-segments.js';
export { readSmsSettings, type InboundFieldMap, type SmsChannelSettings, type SmsProviderName } from './sms.settings.js';
export { signatureOf } from './providers/generic.provider.js';
export { twilioSignature } from './providers/twilio-signature.js';
