import { useApp } from '../app-context.js';
import { Spinner } from '../ui/bits.js';

/** A report's failure (with a retry) or its loading spinner; nothing once the data is there. */
export function ReportLoadState({ loaded, error, retry }: { loaded: boolean; error: string | null | undefined; retry: () => void }) {
  const { t } = useApp();
  if (error) {
    return (
      <div className="notice notice--error" role="alert">
        {error}{' '}
        <button type="button" className="btn btn--small" onClick={retry}>
          {t('ui.action.retry')}
        </button>
      </div>
    );
  }
  return loaded ? null : <Spinner label={t('ui.loading')} />;
}
