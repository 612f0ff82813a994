import { useCallback, useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { Spinner } from '../ui/bits.js';
import { botsApi, canEditBots, errorText } from './bots-api.js';
import { FlowGraph } from './flow-graph.js';
import { FlowHeader } from './flow-header.js';
import { formatFlow, withNodePosition } from './flow-text.js';
import { JsonEditor, type EditorSelection } from './json-editor.js';
import { locatePath, pathFromField } from './json-locate.js';
import { Simulator } from './simulator.js';
import { TriggersPane } from './triggers-pane.js';
import type { BotFlow } from './types.js';
import { useValidation } from './use-validation.js';
import { VersionsPane } from './versions-pane.js';

type Tab = 'editor' | 'triggers' | 'simulator' | 'versions';
// The simulator runs a draft: only those who edit flows may (agents read them).
const TABS: Tab[] = ['editor', 'triggers', 'simulator', 'versions'];

export function FlowPage({ flowId }: { flowId: string }) {
  const { t, me, navigate } = useApp();
  const [flow, setFlow] = useState<BotFlow | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [savedText, setSavedText] = useState('');
  const [tab, setTab] = useState<Tab>('editor');

  const load = useCallback(async () => {
    try {
      const loaded = await botsApi.getFlow(flowId);
      const formatted = formatFlow(loaded.draft);
      setFlow(loaded);
      setText(formatted);
      setSavedText(formatted);
    } catch (error) {
      setLoadError(errorText(error));
    }
  }, [flowId]);
  useEffect(() => void load(), [load]);

  const dirty = text !== savedText;
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (loadError) return <p className="notice notice--error bots-page-error">{loadError}</p>;
  if (!flow) return <Spinner label={t('ui.loading')} />;
  const editor = canEditBots(me?.role);

  return (
    <div className="bots-flow">
      <FlowHeader
        flow={flow}
        text={text}
        dirty={dirty}
        editor={editor}
        onBack={() => navigate({ page: 'bots', flowId: null })}
        onSaved={(updated, savedDraft) => {
          setFlow(updated);
          if (savedDraft !== undefined) setSavedText(savedDraft);
        }}
        onPublished={() => void load()}
      />
      <div className="tabs bots-flow__tabs" role="tablist">
        {TABS.filter((id) => editor || id !== 'simulator').map((id) => (
          <button key={id} type="button" role="tab" className={tab === id ? 'tab is-active' : 'tab'} aria-selected={tab === id} onClick={() => setTab(id)}>
            {t(`ui.bots.flow_tab.${id}`)}
          </button>
        ))}
      </div>
      <div className="bots-flow__body" role="tabpanel">
        {tab === 'editor' ? <EditorPane text={text} setText={setText} readOnly={!editor} /> : null}
        {tab === 'triggers' ? <TriggersPane flow={flow} editor={editor} onSaved={setFlow} /> : null}
        {tab === 'simulator' ? <Simulator flowId={flow.id} text={text} /> : null}
        {tab === 'versions' ? <VersionsPane flow={flow} /> : null}
      </div>
    </div>
  );
}

function EditorPane({ text, setText, readOnly }: { text: string; setText(text: string): void; readOnly: boolean }) {
  const validation = useValidation(text);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [selection, setSelection] = useState<EditorSelection | null>(null);
  const select = (path: Array<string | number>) => {
    const range = locatePath(text, path);
    if (range) setSelection((old) => ({ range, seq: (old?.seq ?? 0) + 1 }));
  };
  const doc = validation.lastGood;

  return (
    <div className="bots-workbench">
      <JsonEditor
        text={text}
        onChange={setText}
        readOnly={readOnly}
        parsed={validation.parsed}
        errors={validation.errors}
        selection={selection}
        onPickError={(field) => {
          const path = pathFromField(field);
          if (path[0] === 'nodes' && typeof path[1] === 'number') setSelectedId(doc?.nodes[path[1]]?.id ?? null);
          select(path);
        }}
      />
      {doc ? (
        <FlowGraph
          doc={doc}
          stale={!validation.parsed.ok}
          selectedId={selectedId}
          readOnly={readOnly}
          onSelect={(id) => {
            setSelectedId(id);
            const index = doc.nodes.findIndex((n) => n.id === id);
            if (index >= 0) select(['nodes', index]);
          }}
          onMove={(id, position) => {
            if (validation.parsed.ok) setText(withNodePosition(text, id, position));
          }}
        />
      ) : (
        <div className="bots-graph bots-graph--empty" />
      )}
    </div>
  );
}
