import { api } from '../api/client.js';
import { useApp } from '../app-context.js';
import { SearchableList } from '../crm/searchable-list.js';
import { Spinner } from '../ui/bits.js';
import { BackLink, SectionHead, SettingsLink, useLoaded } from './form-bits.js';
import type { SectionProps } from './sections.js';
import type { Template } from './settings-api.js';
import { TemplateEditor } from './template-editor.js';

/** Canned responses: the list with search and usage, and the editor. */
export function TemplatesSettings({ id }: SectionProps) {
  const { t, navigate } = useApp();
  const list = () => navigate({ page: 'settings', section: 'templates', id: null });
  if (id === 'new') {
    return (
      <div className="settings__page">
        <BackLink label={t('ui.settings.section.templates')} onClick={list} />
        <SectionHead title={t('ui.settings.template.new')} />
        <TemplateEditor template={null} onSaved={list} onDeleted={list} />
      </div>
    );
  }
  if (id) return <TemplateScreen key={id} templateId={id} onDone={list} />;
  return (
    <div className="settings__page">
      <SectionHead title={t('ui.settings.section.templates')}>
        <button type="button" className="btn btn--primary btn--small" onClick={() => navigate({ page: 'settings', section: 'templates', id: 'new' })}>
          + {t('ui.settings.template.new')}
        </button>
      </SectionHead>
      <p className="muted settings__lead">{t('ui.settings.template.lead')}</p>
      <SearchableList<Template>
        path="/templates"
        searchLabel={t('ui.settings.template.search')}
        emptyText={t('ui.settings.template.empty')}
        itemKey={(x) => x.id}
        render={(x) => (
          <SettingsLink section="templates" id={x.id}>
            <code className="settings__shortcode">/{x.shortCode}</code>
            <span className="row__main">
              <span className="row__title">{x.name}</span>
              <span className="muted row__sub">{x.body}</span>
            </span>
            <span className="muted settings__usage" title={t('ui.settings.template.usage')}>
              {t('ui.settings.template.used', { n: x.usageCount })}
            </span>
          </SettingsLink>
        )}
      />
    </div>
  );
}

function TemplateScreen({ templateId, onDone }: { templateId: string; onDone(): void }) {
  const { t } = useApp();
  const { data, error } = useLoaded(() => api.get<Template>(`/templates/${templateId}`), [templateId]);
  if (error) return <p className="notice notice--error">{error}</p>;
  if (!data) return <Spinner label={t('ui.loading')} />;
  return (
    <div className="settings__page">
      <BackLink label={t('ui.settings.section.templates')} onClick={onDone} />
      <SectionHead title={`/${data.shortCode}`}>
        <span className="muted">{t('ui.settings.template.used', { n: data.usageCount })}</span>
      </SectionHead>
      <TemplateEditor template={data} onSaved={onDone} onDeleted={onDone} />
    </div>
  );
}
