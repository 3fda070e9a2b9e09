import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { describeRequestError } from '../app/api';

export function Loading({ what = 'Загрузка' }: { what?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function RequestError({ error }: { error: CombinedError }) {
  return (
    <p className="banner banner--error" role="alert">
      {describeRequestError(error)}
    </p>
  );
}

/** Messages that concern the whole form (no field of it to sit beside). */
export function FormMessages({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <div className="banner banner--error" role="alert">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="banner banner--info" role="status">
      {children}
    </p>
  );
}

/** The end of a long form: what went wrong (repeated here, near the button), send, and cancel. */
export function FormFooter({ messages, busy, submitLabel, onCancel }: { messages: string[]; busy: boolean; submitLabel: string; onCancel?(): void }) {
  return (
    <>
      <FormMessages messages={messages} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Сохранение…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button--secondary" onClick={onCancel}>
            Отмена
          </button>
        )}
      </div>
    </>
  );
}
