import type { HistoryFieldsFragment } from '../../generated/graphql';
import { formatDateTime } from '../ui/format';

/** The case's timeline, newest first, with every changed field as was → became. */
export function CaseHistory({ entries }: { entries: readonly HistoryFieldsFragment[] }) {
  if (!entries.length) return <p className="muted">Событий нет.</p>;
  return (
    <ol className="timeline">
      {entries.map((entry) => (
        <li key={entry.id}>
          <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
          <span className="timeline__actor">{entry.actor?.fullName ?? 'система'}</span>
          <p>{entry.summary}</p>
          {entry.changes.length > 0 && (
            <ul className="timeline__changes">
              {entry.changes.map((c) => (
                <li key={c.field}>
                  {c.label}: <del>{c.from ?? '—'}</del> → <ins>{c.to ?? '—'}</ins>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
