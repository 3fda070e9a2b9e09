import { NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { SessionExpiredDialog } from '../auth/SessionExpiredDialog';
import { ROLE } from '../ui/labels';
import { useSession } from './session';

/** The signed-in layout: who you are, where you can go, and the page. */
export function AppShell() {
  const { viewer, signOut, signedOut } = useSession();
  const location = useLocation();
  if (!viewer) return <Navigate to="/login" replace state={signedOut ? undefined : { from: location.pathname + location.search }} />;
  return (
    <>
      <a className="skip-link" href="#main">
        К содержимому
      </a>
      <header className="app-header">
        <span className="app-header__brand">Razbor</span>
        <nav aria-label="Разделы">
          <NavLink to="/" end>
            Мои задачи
          </NavLink>
          <NavLink to="/cases">Случаи</NavLink>
          <NavLink to="/plan">План мероприятий</NavLink>
          <NavLink to="/referral-check">Проверка направления</NavLink>
          <NavLink to="/reports">Квартальный отчёт</NavLink>
          {viewer.role === 'ADMIN' && <NavLink to="/admin">Администрирование</NavLink>}
        </nav>
        <div className="app-header__user" aria-label="Пользователь">
          <NavLink className="app-header__name" to="/settings" title="Мои настройки: почта для уведомлений">
            {viewer.fullName}
          </NavLink>
          <span className="app-header__org">
            {viewer.organisation?.shortName ?? 'без организации'} · {ROLE[viewer.role]}
          </span>
        </div>
        <button type="button" className="button--secondary" onClick={() => void signOut()}>
          Выйти
        </button>
      </header>
      <main id="main" className="page">
        <Outlet />
      </main>
      <SessionExpiredDialog />
    </>
  );
}
