import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useApp } from '../app-context.js';
import { botsApi, errorText } from './bots-api.js';
import { parseFlow } from './flow-text.js';
import { addInput, addResult, canPress, emptyTranscript, isFinished, type Transcript, type TranscriptEntry } from './simulator-state.js';
import type { FlowDocument, SimulateInput } from './types.js';
import { Variables } from './variables.js';

/** A chat with the draft in the browser: nothing is sent to any channel and nothing is written. */
export function Simulator({ flowId, text }: { flowId: string; text: string }) {
  const { t, locale } = useApp();
  const [transcript, setTranscript] = useState<Transcript>(emptyTranscript);
  const [snapshot, setSnapshot] = useState<{ text: string; doc: FlowDocument } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  // A restart while an answer is on its way: that answer belongs to the old run.
  const run = useRef(0);
  const chat = useRef<HTMLOListElement>(null);
  const textRef = useRef(text);
  textRef.current = text;

  const call = useCallback(
    async (doc: FlowDocument, base: Transcript, input?: SimulateInput) => {
      const mine = run.current;
      setBusy(true);
      setError(null);
      try {
        const result = await botsApi.simulate(flowId, { document: doc, locale, ...(base.sessionId ? { sessionId: base.sessionId } : {}), ...(input ? { input } : {}) });
        if (mine === run.current) setTranscript((current) => addResult(current, result));
      } catch (caught) {
        if (mine === run.current) setError(errorText(caught));
      } finally {
        if (mine === run.current) setBusy(false);
      }
    },
    [flowId, locale],
  );

  const restart = useCallback(() => {
    run.current++;
    setTranscript(emptyTranscript);
    setTyped('');
    const current = textRef.current;
    const parsed = parseFlow(current);
    if (!parsed.ok) {
      setSnapshot(null);
      setError(t('ui.bots.sim.fix_json'));
      return;
    }
    setSnapshot({ text: current, doc: parsed.doc });
    void call(parsed.doc, emptyTranscript);
  }, [call, t]);

  useEffect(() => restart(), [restart]);
  useEffect(() => {
    chat.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [transcript.entries.length]);

  function send(input: SimulateInput) {
    if (!snapshot || busy) return;
    const next = addInput(transcript, input);
    setTranscript(next);
    void call(snapshot.doc, next, input);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!typed.trim()) return;
    send({ text: typed.trim() });
    setTyped('');
  }

  return (
    <section className="bots-sim" aria-label={t('ui.bots.flow_tab.simulator')}>
      <div className="bots-sim__chat">
        <header className="bots-sim__head">
          <span className="muted">{t('ui.bots.sim.hint')}</span>
          <button type="button" className="btn btn--small" onClick={restart}>
            {t('ui.bots.sim.restart')}
          </button>
        </header>
        {snapshot && snapshot.text !== text ? <p className="notice notice--warn">{t('ui.bots.sim.changed')}</p> : null}
        <ol ref={chat} className="bots-sim__log" aria-live="polite" aria-label={t('ui.bots.sim.chat')}>
          {transcript.entries.map((entry) => (
            <Entry key={entry.id} entry={entry} pressable={!busy && canPress(transcript, entry)} onPress={(buttonId) => send({ buttonId })} />
          ))}
          {busy ? <li className="muted bots-sim__typing">{t('ui.bots.sim.typing')}</li> : null}
        </ol>
        {error ? (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        ) : null}
        {isFinished(transcript) ? <p className="muted bots-sim__over">{t(`ui.bots.sim.over.${transcript.state!.status as 'ended' | 'handoff'}`)}</p> : null}
        <form className="bots-sim__input" onSubmit={submit}>
          <input className="input" value={typed} aria-label={t('ui.bots.sim.message')} placeholder={t('ui.bots.sim.message')} disabled={!snapshot || isFinished(transcript)} onChange={(e) => setTyped(e.target.value)} />
          <button type="submit" className="btn btn--primary" disabled={busy || !snapshot || !typed.trim() || isFinished(transcript)}>
            {t('ui.bots.sim.send')}
          </button>
        </form>
      </div>
      <SimulatorState transcript={transcript} />
    </section>
  );
}

function Entry({ entry, pressable, onPress }: { entry: TranscriptEntry; pressable: boolean; onPress(buttonId: string): void }) {
  const { t } = useApp();
  if (entry.kind === 'user') return <li className="bots-sim__msg bots-sim__msg--user">{entry.text}</li>;
  if (entry.kind === 'effect') return <li className="bots-sim__effect">{t('ui.bots.sim.effect', { summary: entry.summary })}</li>;
  const { reply } = entry;
  return (
    <li className="bots-sim__msg bots-sim__msg--bot">
      {reply.mediaUrl ? <img className="bots-sim__media" src={reply.mediaUrl} alt="" loading="lazy" /> : null}
      <p>{reply.text}</p>
      {reply.buttons?.map((row, i) => (
        <div key={i} className="bots-sim__buttons">
          {row.map((button) =>
            button.url ? (
              <a key={button.id} className="btn btn--small" href={button.url} target="_blank" rel="noreferrer noopener">
                {button.text}
              </a>
            ) : (
              <button key={button.id} type="button" className="btn btn--small" disabled={!pressable} onClick={() => onPress(button.id)}>
                {button.text}
              </button>
            ),
          )}
        </div>
      ))}
    </li>
  );
}

function SimulatorState({ transcript }: { transcript: Transcript }) {
  const { t } = useApp();
  const state = transcript.state;
  const variables = Object.entries(state?.variables ?? {});
  return (
    <aside className="bots-sim__state" aria-label={t('ui.bots.sim.state')}>
      <h3 className="card__label">{t('ui.bots.sim.state')}</h3>
      <dl className="props">
        <dt>{t('ui.bots.sim.node')}</dt>
        <dd data-testid="sim-node">{state?.nodeId ?? '—'}</dd>
        <dt>{t('ui.bots.sim.status')}</dt>
        <dd>{state ? t(`ui.bots.status.${state.status}`) : '—'}</dd>
      </dl>
      <h3 className="card__label">{t('ui.bots.variables')}</h3>
      <Variables entries={variables} />
      <h3 className="card__label">{t('ui.bots.sim.effects')}</h3>
      {transcript.effects.length === 0 ? (
        <p className="muted">{t('ui.bots.sim.no_effects')}</p>
      ) : (
        <ul className="bots-sim__effects">
          {transcript.effects.map((effect, i) => (
            <li key={i}>
              <span className="chip">{effect.kind}</span> {effect.summary}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
