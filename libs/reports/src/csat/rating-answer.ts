/** What a customer's message means while a rating request waits for an answer. */
export type RatingStage = 'csat_pending' | 'nps_pending';

const RANGE: Record<RatingStage, [number, number]> = { csat_pending: [1, 5], nps_pending: [0, 10] };
const PREFIX: Record<RatingStage, string> = { csat_pending: 'csat:', nps_pending: 'nps:' };

export const ratingButtonId = (stage: RatingStage, score: number) => `${PREFIX[stage]}${score}`;

/** A button press (`csat:4`) or a reply that is just the number; null when the message is something else. */
export function parseRatingAnswer(stage: RatingStage, answer: { buttonPayload?: string | null; text?: string | null }): number | null {
  const raw = answer.buttonPayload?.startsWith(PREFIX[stage]) ? answer.buttonPayload.slice(PREFIX[stage].length) : answer.text?.trim();
  if (!raw || !/^\d{1,2}$/.test(raw)) return null;
  const score = Number(raw);
  const [min, max] = RANGE[stage];
  return score >= min && score <= max ? score : null;
}

/** Rating buttons in rows a chat shows well: 1-5 in one row, 0-10 in two. */
export function ratingButtons(stage: RatingStage): Array<Array<{ id: string; text: string }>> {
  const [min, max] = RANGE[stage];
  const all = Array.from({ length: max - min + 1 }, (_, i) => ({ id: ratingButtonId(stage, min + i), text: String(min + i) }));
  return all.length > 6 ? [all.slice(0, 6), all.slice(6)] : [all];
}
