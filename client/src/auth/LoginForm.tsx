import { useState, type FormEvent } from 'react';
import { useSession } from '../app/session';
import { TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../ui/user-errors';

/** Used by the login page and by the dialog that opens over a page when the session expires. */
export function LoginForm({ initialLogin = '', onSignedIn }: { initialLogin?: string; onSignedIn?(): void }) {
  const { signIn } = useSession();
  const [login, setLogin] = useState(initialLogin);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const problems = await signIn(login.trim(), password);
    setBusy(false);
    setErrors(toFormErrors(problems, ['login', 'password']));
    if (!problems.length) onSignedIn?.();
  };

  return (
    <form onSubmit={submit} className="login-form" noValidate>
      <FormMessages messages={errors.general} />
      <TextField label="Логин" value={login} onChange={setLogin} autoComplete="username" required autoFocus={!initialLogin} error={errors.byField.login} />
      <TextField
        label="Пароль"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        required
        autoFocus={Boolean(initialLogin)}
        error={errors.byField.password}
      />
      <button type="submit" disabled={busy || !login || !password}>
        {busy ? 'Вход…' : 'Войти'}
      </button>
    </form>
  );
}
