import type { ReactNode } from 'react';

/** One figure of a report with its name and, where it helps, what it is made of. */
export function KpiTile({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <div className="reports-kpi" data-testid={testId}>
      <span className="reports-kpi__label">{label}</span>
      <span className="reports-kpi__value">{value}</span>
      {hint ? <span className="reports-kpi__hint muted">{hint}</span> : null}
    </div>
  );
}

export function KpiGrid({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <section className="reports-card">
      {title ? <h2 className="reports-card__title">{title}</h2> : null}
      <div className="reports-kpis">{children}</div>
    </section>
  );
}
