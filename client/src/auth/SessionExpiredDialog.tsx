import { useEffect, useRef } from 'react';
import { useSession } from '../app/session';
import { LoginForm } from './LoginForm';

/**
 * Opens over the current page when the server refuses the token: the page is not unmounted, so
 * a half-filled form keeps what was typed and can be sent again after signing in.
 */
export function SessionExpiredDialog() {
  const { expired, viewer } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (expired && dialog.current && !dialog.current.open) dialog.current.showModal();
    if (!expired && dialog.current?.open) dialog.current.close();
  }, [expired]);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="session-expired-title" onCancel={(e) => e.preventDefault()}>
      <h2 id="session-expired-title">Сеанс истёк</h2>
      <p>Войдите снова, чтобы продолжить. Введённые на странице данные сохранены.</p>
      {expired && <LoginForm initialLogin={viewer?.login ?? ''} />}
    </dialog>
  );
}
