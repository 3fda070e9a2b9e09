import { Navigate, useLocation } from 'react-router';
import { useSession } from '../app/session';
import { LoginForm } from './LoginForm';

export function LoginPage() {
  const { viewer } = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (viewer) return <Navigate to={from} replace />;
  return (
    <main className="login-page">
      <h1>Razbor</h1>
      <p className="login-page__lead">Учёт и разбор отказов в медико-социальной экспертизе из-за неполного обследования</p>
      <LoginForm />
    </main>
  );
}
