import { useApp } from '../app-context.js';

interface Props {
  errors: Array<{ field: string; message: string }>;
  /** Shows the place in the editor the error is about. */
  onPick?(field: string): void;
}

/** Problems of a flow document, each with the path of the field it is about ("nodes.2.text"). */
export function DocumentErrors({ errors, onPick }: Props) {
  const { t } = useApp();
  return (
    <ul className="bots-errors" role="alert" aria-label={t('ui.bots.errors')}>
      {errors.map((error, i) => {
        const path = error.field.replace(/^document\.?/, '') || t('ui.bots.document');
        return (
          <li key={`${error.field}#${i}`}>
            {onPick ? (
              <button type="button" className="bots-errors__path" onClick={() => onPick(error.field)}>
                {path}
              </button>
            ) : (
              <code className="bots-errors__path">{path}</code>
            )}
            <span>{error.message}</span>
          </li>
        );
      })}
    </ul>
  );
}
