import { useEffect, useMemo, useRef } from 'react';
import { useApp } from '../app-context.js';
import { DocumentErrors } from './document-errors.js';
import type { ParsedFlow } from './flow-text.js';
import { lineOf, type TextRange } from './json-locate.js';

export interface EditorSelection {
  range: TextRange;
  /** Changes with every request, so selecting the same node twice scrolls to it again. */
  seq: number;
}

interface Props {
  text: string;
  onChange(text: string): void;
  readOnly: boolean;
  parsed: ParsedFlow;
  errors: Array<{ field: string; message: string }> | null;
  selection: EditorSelection | null;
  onPickError(field: string): void;
}

/** The flow document as JSON: a monospace text area with line numbers and the checks below it. */
export function JsonEditor({ text, onChange, readOnly, parsed, errors, selection, onPickError }: Props) {
  const { t } = useApp();
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => text.split('\n').length, [text]);

  useEffect(() => {
    const node = area.current;
    if (!node || !selection) return;
    node.focus({ preventScroll: true });
    node.setSelectionRange(selection.range.start, selection.range.end);
    const lineHeight = parseFloat(getComputedStyle(node).lineHeight) || 18;
    node.scrollTop = Math.max(0, (lineOf(node.value, selection.range.start) - 3) * lineHeight);
    if (gutter.current) gutter.current.scrollTop = node.scrollTop;
  }, [selection]);

  return (
    <div className="bots-editor">
      <div className="bots-editor__frame">
        <div ref={gutter} className="bots-editor__gutter" aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => (
            <span key={i}>{i + 1}</span>
          ))}
        </div>
        <textarea
          ref={area}
          className="bots-editor__text bots-code"
          value={text}
          readOnly={readOnly}
          spellCheck={false}
          wrap="off"
          aria-label={t('ui.bots.json')}
          aria-invalid={!parsed.ok || Boolean(errors?.length)}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      <EditorStatus text={text} parsed={parsed} errors={errors} onPickError={onPickError} />
    </div>
  );
}

function EditorStatus({ text, parsed, errors, onPickError }: { text: string; parsed: ParsedFlow; errors: Props['errors']; onPickError(field: string): void }) {
  const { t } = useApp();
  if (!parsed.ok && parsed.kind === 'syntax') {
    return (
      <p className="notice notice--error bots-editor__status" role="alert">
        {parsed.offset === null ? t('ui.bots.syntax_error', { message: parsed.message }) : t('ui.bots.syntax_error_at', { line: lineOf(text, parsed.offset), message: parsed.message })}
      </p>
    );
  }
  if (errors === null) return <p className="muted bots-editor__status">{t('ui.bots.checking')}</p>;
  if (errors.length === 0) return <p className="bots-editor__status bots-editor__status--ok">{t('ui.bots.valid')}</p>;
  return <DocumentErrors errors={errors} onPick={onPickError} />;
}
