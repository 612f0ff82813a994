import { useEffect, useState } from 'react';
import { botsApi } from './bots-api.js';
import { parseFlow, type ParsedFlow } from './flow-text.js';
import type { FlowDocument } from './types.js';

export interface Validation {
  parsed: ParsedFlow;
  /** The server's findings about the parsed document, each with its field path; null while it checks. */
  errors: Array<{ field: string; message: string }> | null;
  /** The last text that parsed, for the graph to keep showing while the JSON is half typed. */
  lastGood: FlowDocument | null;
}

const DEBOUNCE_MS = 400;

/** Checks the editor's text as it is typed: JSON syntax at once, the flow's rules on the server after a pause. */
export function useValidation(text: string): Validation {
  const [parsed, setParsed] = useState<ParsedFlow>(() => parseFlow(text));
  const [errors, setErrors] = useState<Validation['errors']>(null);
  const [lastGood, setLastGood] = useState<FlowDocument | null>(() => {
    const first = parseFlow(text);
    return first.ok ? first.doc : null;
  });

  useEffect(() => {
    const next = parseFlow(text);
    setParsed(next);
    setErrors(null);
    if (!next.ok && next.kind === 'syntax') return;
    if (next.ok) setLastGood(next.doc);
    let current = true;
    const timer = setTimeout(() => {
      botsApi
        .validate(next.ok ? next.doc : JSON.parse(text))
        .then((result) => current && setErrors(result.valid ? [] : result.errors))
        .catch((error: unknown) => current && setErrors([{ field: '', message: error instanceof Error ? error.message : String(error) }]));
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);

  return { parsed, errors, lastGood };
}
