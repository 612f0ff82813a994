import type { SecretBox } from '@app/common';

/** Where a call's recording is: a URL from the call event, or a reference the provider's API resolves. */
export interface RecordingLocation {
  url?: string;
  ref?: string;
}

/**
 * Recording locations are kept sealed in the activity's metadata: the activities API shows metadata as it
 * is, and a provider URL (often with a token in it) must never reach a browser. Sealing also means nobody
 * can point the recording route at an address of their choosing by editing the metadata.
 */
export function sealRecording(box: SecretBox, location: RecordingLocation): string {
  return box.encrypt(JSON.stringify(location));
}

export function openRecording(box: SecretBox, sealed: unknown): RecordingLocation | undefined {
  if (typeof sealed !== 'string') return undefined;
  try {
    const location = JSON.parse(box.decrypt(sealed)) as RecordingLocation;
    return location.url || location.ref ? location : undefined;
  } catch {
    return undefined;
  }
}
