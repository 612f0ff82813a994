import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { Conversation, Page } from '../api/types.js';
import { useApp } from '../app-context.js';
import { formatDateTime } from '../format.js';
import { DOCUMENT_KINDS, fetchPdf, saveBlob, type DealDocument, type DocumentTemplate } from './documents-api.js';

interface Props {
  dealId: string;
  /** The deal's conversations: a document is sent into one of them. */
  conversations: Conversation[];
  /** After a document is made or sent (the deal's timeline gained an entry). */
  onChanged?(): void;
}

const byKindAndName = (a: DocumentTemplate, b: DocumentTemplate) => DOCUMENT_KINDS.indexOf(a.kind) - DOCUMENT_KINDS.indexOf(b.kind) || Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name);

/** The deal's documents: make one from a template, download it, send it into the deal's conversation. */
export function DealDocuments({ dealId, conversations, onChanged }: Props) {
  const { t, locale, session, notify } = useApp();
  const [templates, setTemplates] = useState<DocumentTemplate[] | null>(null);
  const [documents, setDocuments] = useState<DealDocument[] | null>(null);
  const [templateId, setTemplateId] = useState('');
  const [conversationId, setConversationId] = useState('');
  const [busy, setBusy] = useState(false);
  const auth = { token: session?.token ?? null, locale };

  useEffect(() => {
    api
      .get<Page<DocumentTemplate>>('/document-templates', { limit: 100 })
      .then((page) => {
        const sorted = [...page.items].sort(byKindAndName);
        setTemplates(sorted);
        setTemplateId((current) => current || (sorted.find((x) => x.isDefault && x.locale === locale) ?? sorted[0])?.id || '');
      })
      .catch(() => setTemplates([]));
  }, [locale]);
  useEffect(() => {
    api
      .get<Page<DealDocument>>(`/deals/${dealId}/documents`, { limit: 50 })
      .then((page) => setDocuments(page.items))
      .catch(() => setDocuments([]));
  }, [dealId]);
  useEffect(() => setConversationId((current) => current || conversations[0]?.id || ''), [conversations]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      notify(error instanceof Error ? error.message : t('ui.error.generic'), 'error');
    } finally {
      setBusy(false);
    }
  };
  const generate = () =>
    run(async () => {
      const created = await api.post<DealDocument>(`/deals/${dealId}/documents`, { templateId });
      setDocuments((current) => [created, ...(current ?? [])]);
      notify(t('ui.deal.documents.created', { title: created.title }));
      onChanged?.();
    });
  const download = (doc: DealDocument) =>
    run(async () => {
      const { blob, fileName } = await fetchPdf(`/documents/${doc.id}/file`, auth);
      saveBlob(blob, fileName);
    });
  const send = (doc: DealDocument) =>
    run(async () => {
      await api.post(`/documents/${doc.id}/send`, { conversationId });
      notify(t('ui.deal.documents.sent'));
      onChanged?.();
    });
  const remove = (doc: DealDocument) => {
    if (!window.confirm(t('ui.deal.documents.delete_confirm', { title: doc.title }))) return;
    void run(async () => {
      await api.del(`/documents/${doc.id}`);
      setDocuments((current) => (current ?? []).filter((d) => d.id !== doc.id));
    });
  };

  return (
    <section className="card deal-documents" aria-label={t('ui.deal.documents')}>
      <h3 className="card__label">{t('ui.deal.documents')}</h3>
      {templates && templates.length === 0 ? (
        <p className="muted">{t('ui.deal.documents.no_templates')}</p>
      ) : (
        <div className="deal-documents__make">
          <select className="input input--compact" aria-label={t('ui.deal.documents.template')} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            {(templates ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name} ({x.locale.toUpperCase()})
              </option>
            ))}
          </select>
          <button type="button" className="btn btn--primary btn--small" disabled={busy || !templateId} onClick={() => void generate()}>
            {t('ui.deal.documents.generate')}
          </button>
        </div>
      )}
      {conversations.length > 1 ? (
        <label className="field deal-documents__target">
          <span>{t('ui.deal.documents.send_to')}</span>
          <select className="input input--compact" value={conversationId} onChange={(e) => setConversationId(e.target.value)}>
            {conversations.map((c) => (
              <option key={c.id} value={c.id}>
                {[c.inbox?.name, c.contact?.name].filter(Boolean).join(' · ') || c.id}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {documents === null ? null : documents.length === 0 ? (
        <p className="muted">{t('ui.deal.documents.empty')}</p>
      ) : (
        <ul className="deal-documents__list">
          {documents.map((doc) => (
            <li key={doc.id} className="deal-documents__item" data-testid="deal-document">
              <span className="deal-documents__title">
                <strong>{doc.title}</strong>
                <span className="muted">{formatDateTime(doc.createdAt, locale)}</span>
              </span>
              <span className="deal-documents__actions">
                <button type="button" className="btn btn--small" disabled={busy} onClick={() => void download(doc)}>
                  {t('ui.deal.documents.download')}
                </button>
                <button type="button" className="btn btn--small" disabled={busy || !conversationId} title={conversationId ? undefined : t('ui.deal.documents.no_conversation')} onClick={() => void send(doc)}>
                  {t('ui.deal.documents.send')}
                </button>
                <button type="button" className="btn btn--ghost btn--small" disabled={busy} aria-label={t('ui.deal.documents.delete')} title={t('ui.deal.documents.delete')} onClick={() => remove(doc)}>
                  ×
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {documents?.length && !conversations.length ? <p className="muted">{t('ui.deal.documents.no_conversation')}</p> : null}
    </section>
  );
}
