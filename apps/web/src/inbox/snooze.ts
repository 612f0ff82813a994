import type { MessageKey } from '@app/i18n';

/** The quick snooze choices from a moment: in an hour, tomorrow at 9, next Monday at 9. */
export function snoozeOptions(now: Date): Array<{ key: string; label: MessageKey; until: Date }> {
  const inHour = new Date(now.getTime() + 3600_000);
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0);
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysToMonday, 9, 0);
  return [
    { key: 'hour', label: 'ui.snooze.hour', until: inHour },
    { key: 'tomorrow', label: 'ui.snooze.tomorrow', until: tomorrow },
    { key: 'monday', label: 'ui.snooze.monday', until: monday },
  ];
}
