/** A plain-text body split into what the customer wrote now and what is folded away. */
export interface FoldedText {
  /** The new text, shown in the conversation. */
  visible: string;
  /** The quoted earlier messages and the signature, shown on request; empty when there are none. */
  folded: string;
}

// The line a mail client writes above the text it quotes, in the languages our customers use.
const replyHeaders: RegExp[] = [
  /^on\b.{0,300}\bwrote:\s*$/i,
  // (\b only knows Latin letters, hence the explicit space before the Russian verbs.)
  /^.{0,300}\s(написал|написала|написал\(а\)|пишет|писал|писала)\s*:\s*$/i,
  /^-{2,}\s*(original message|исходное сообщение|forwarded message|пересылаемое сообщение|переадресованное сообщение)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^(от|from):\s.+$/i,
];

// Mobile clients append these as a signature of their own.
const signatureLines = [/^sent from my \S+/i, /^(отправлено|послано) (с|из) .{1,40}$/i, /^get outlook for \S+/i];

const isQuoteLine = (line: string) => /^\s*>/.test(line);

/**
 * Folds away what a reply repeats (the quoted earlier message with its "On … wrote:" line, a
 * forwarded block) and the signature (after the "-- " delimiter or a "Sent from my phone" line).
 * The whole text stays available in `visible + folded`; a message that is nothing but a quote is
 * shown whole, so nothing is ever hidden completely.
 */
export function foldQuotedText(text: string): FoldedText {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = foldStart(lines);
  if (cut === undefined) return { visible: text.trim(), folded: '' };
  const visible = lines.slice(0, cut).join('\n').trim();
  if (!visible) return { visible: text.trim(), folded: '' };
  return { visible, folded: lines.slice(cut).join('\n').trim() };
}

function foldStart(lines: string[]): number | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    // RFC 3676: "-- " alone on a line starts the signature; many clients drop the trailing space.
    if (lines[i] === '-- ' || line === '--') return i;
    if (signatureLines.some((pattern) => pattern.test(line))) return i;
    if (isReplyHeader(lines, i)) return i;
    if (isQuoteLine(lines[i]) && restIsQuote(lines, i)) return i;
  }
  return undefined;
}

function isReplyHeader(lines: string[], i: number): boolean {
  const line = lines[i].trim();
  if (!line) return false;
  // An Outlook header block: "From: …" followed within a few lines by "Sent:" / "Отправлено:".
  if (/^(от|from):\s/i.test(line)) return lines.slice(i + 1, i + 4).some((next) => /^(sent|date|отправлено|дата):\s/i.test(next.trim()));
  if (replyHeaders.some((pattern) => pattern.test(line))) return followedByQuoteOrEnd(lines, i);
  // Gmail wraps a long "On …, Name <address> wrote:" over two lines.
  const joined = `${line} ${lines[i + 1]?.trim() ?? ''}`;
  return /^on\b/i.test(line) && /\bwrote:\s*$/i.test(joined) && followedByQuoteOrEnd(lines, i + 1);
}

function followedByQuoteOrEnd(lines: string[], i: number): boolean {
  const rest = lines.slice(i + 1).filter((line) => line.trim());
  return rest.length === 0 || isQuoteLine(rest[0]) || /^-{2,}|^(from|от|sent|отправлено|date|дата|to|кому|subject|тема):/i.test(rest[0].trim());
}

/** Interleaved replies ("> question / answer") stay visible: only a trailing block of quotes folds. */
function restIsQuote(lines: string[], i: number): boolean {
  for (let j = i; j < lines.length; j++) {
    if (lines[j] === '-- ' || lines[j].trim() === '--') return true;
    if (lines[j].trim() && !isQuoteLine(lines[j])) return false;
  }
  return true;
}
