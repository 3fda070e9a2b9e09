import { useState, type ReactNode } from 'react';

/** A table row edited in place: «Изменить» opens its form in a row beneath; saving refreshes the list. */
export function useRowEditing(onChanged: () => void) {
  const [editing, setEditing] = useState(false);
  return {
    editing,
    start: () => setEditing(true),
    done: (changed: boolean) => {
      setEditing(false);
      if (changed) onChanged();
    },
  };
}

export function EditButton({ editing, onClick }: { editing: boolean; onClick(): void }) {
  return (
    <button type="button" className="button--secondary" onClick={onClick} disabled={editing}>
      Изменить
    </button>
  );
}

/** The row beneath with the edit form, while editing. */
export function EditRow({ editing, columns, children }: { editing: boolean; columns: number; children: ReactNode }) {
  if (!editing) return null;
  return (
    <tr>
      <td colSpan={columns}>{children}</td>
    </tr>
  );
}

/** Save, or cancel: a cancel after a refusal for a stale version still refreshes the list. */
export function SaveOrCancel({ busy, stale, onDone }: { busy: boolean; stale: boolean; onDone(changed: boolean): void }) {
  return (
    <div className="row">
      <button type="submit" disabled={busy}>
        Сохранить
      </button>
      <button type="button" className="button--secondary" onClick={() => onDone(stale)}>
        Отмена
      </button>
    </div>
  );
}
