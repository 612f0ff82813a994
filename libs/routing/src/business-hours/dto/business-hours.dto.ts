import { z } from 'zod';
import { isKnownVariable, variablesOf } from '@app/templates';
import { isValidTimeZone, minutesOf } from '../business-calendar.js';

const time = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'A local time HH:MM, e.g. 09:00 (24:00 is the end of the day)');

const interval = z.object({ from: time, to: time }).refine((i) => minutesOf(i.from) < minutesOf(i.to), { message: 'from must be before to (an interval cannot cross midnight)', path: ['to'] });

const day = z
  .array(interval)
  .max(6)
  .refine(
    (intervals) => {
      const sorted = [...intervals].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
      return sorted.every((current, i) => i === 0 || minutesOf(sorted[i - 1].to) <= minutesOf(current.from));
    },
    { message: 'The intervals of a day must not overlap' },
  );

const autoReplyText = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .superRefine((text, ctx) => {
    const unknown = variablesOf(text).filter((v) => !isKnownVariable(v));
    if (unknown.length) ctx.addIssue({ code: 'custom', message: `Unknown variable ${unknown.map((v) => `{{${v}}}`).join(', ')}: see GET /api/templates/variables` });
  });

export const businessHoursSchema = z.object({
  enabled: z.boolean().default(true),
  timeZone: z.string().trim().refine(isValidTimeZone, 'Unknown time zone: use an IANA name such as Europe/Moscow'),
  /** Opening intervals per weekday in local time; a day left out is closed. */
  weekly: z.strictObject({ mon: day.optional(), tue: day.optional(), wed: day.optional(), thu: day.optional(), fri: day.optional(), sat: day.optional(), sun: day.optional() }),
  /** Whole days off; annual ones repeat every year on the same date. */
  holidays: z.array(z.object({ date: z.iso.date(), name: z.string().trim().max(200).optional(), annual: z.boolean().optional() })).max(400).default([]),
  /** Answer the customer once per closed period, as the bot, through the channel. */
  autoReplyEnabled: z.boolean().default(false),
  /** Template variables work here, plus {{business.opens_at}}; empty: a standard text in the contact's language. */
  autoReplyText: autoReplyText.nullable().default(null),
});
export type BusinessHoursInput = z.output<typeof businessHoursSchema>;
