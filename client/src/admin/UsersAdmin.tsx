import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { CreateUserDocument, ResetUserPasswordDocument, UpdateUserDocument, UsersDocument, type Role, type UserFieldsFragment } from '../../generated/graphql';
import { organisationOptions, useOrganisations } from '../app/organisations';
import { SelectField, TextField } from '../ui/fields';
import { FormMessages, Loading, Notice } from '../ui/feedback';
import { ROLE, options } from '../ui/labels';
import { NO_ERRORS, toFormErrors } from '../ui/user-errors';

const FIELDS = ['login', 'fullName', 'position', 'role', 'organisationId', 'password'] as const;

function CreateUserForm({ onCreated }: { onCreated(login: string): void }) {
  const { smos, mos, funds } = useOrganisations();
  const [login, setLogin] = useState('');
  const [fullName, setFullName] = useState('');
  const [position, setPosition] = useState('');
  const [role, setRole] = useState<Role | ''>('SMO_EXPERT');
  const [organisationId, setOrganisationId] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  const [{ fetching }, create] = useMutation(CreateUserDocument);
  // Each role belongs to one kind of organisation; the administrator to none.
  const choices = role === 'SMO_EXPERT' ? smos : role === 'MO_COMMISSION' ? mos : role === 'MONITORING' ? funds : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data, error } = await create({
      input: { login: login.trim(), fullName, position: position || undefined, role: role as Role, organisationId: organisationId || undefined, password },
    });
    setErrors(toFormErrors(data?.createUser.errors ?? [], FIELDS, error));
    if (data?.createUser.result) {
      onCreated(data.createUser.result.login);
      setLogin('');
      setFullName('');
      setPosition('');
      setPassword('');
    }
  };

  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Новый пользователь">
      <h3>Новый пользователь</h3>
      <FormMessages messages={errors.general} />
      <div className="grid">
        <TextField label="Логин" value={login} onChange={setLogin} error={errors.byField.login} hint="латинские буквы, цифры, точка, дефис" />
        <TextField label="ФИО" value={fullName} onChange={setFullName} error={errors.byField.fullName} />
        <TextField label="Должность" value={position} onChange={setPosition} error={errors.byField.position} />
        <SelectField label="Роль" value={role} options={options(ROLE)} onChange={(r) => (setRole(r), setOrganisationId(''))} error={errors.byField.role} />
        {role !== 'ADMIN' && (
          <SelectField label="Организация" value={organisationId} options={organisationOptions(choices)} placeholder="выберите" onChange={setOrganisationId} error={errors.byField.organisationId} />
        )}
        <TextField label="Начальный пароль" type="password" autoComplete="new-password" value={password} onChange={setPassword} error={errors.byField.password} hint="не короче 8 символов" />
      </div>
      <button type="submit" disabled={fetching}>
        Создать пользователя
      </button>
    </form>
  );
}

function UserRow({ user, onChanged }: { user: UserFieldsFragment; onChanged(message: string | null): void }) {
  const [password, setPassword] = useState('');
  const [messages, setMessages] = useState<string[]>([]);
  const [, update] = useMutation(UpdateUserDocument);
  const [, reset] = useMutation(ResetUserPasswordDocument);
  const toggle = async () => {
    const { data, error } = await update({ input: { id: user.id, version: user.version, active: !user.active } });
    const problems = toFormErrors(data?.updateUser.errors ?? [], [], error);
    setMessages(problems.general);
    if (data?.updateUser.result || problems.staleVersion) onChanged(null);
  };
  const resetPassword = async () => {
    const { data, error } = await reset({ id: user.id, version: user.version, password });
    const problems = toFormErrors(data?.resetUserPassword.errors ?? [], [], error);
    setMessages(problems.general);
    if (data?.resetUserPassword.result) {
      setPassword('');
      onChanged(`Пароль пользователя ${user.login} изменён; его прежние входы закрыты.`);
    }
  };
  return (
    <tr className={user.active ? undefined : 'row--invalid'}>
      <td>{user.login}</td>
      <td>
        {user.fullName}
        <div className="muted">{user.position}</div>
      </td>
      <td>{ROLE[user.role]}</td>
      <td>{user.organisation?.shortName ?? '—'}</td>
      <td>
        <FormMessages messages={messages} />
        <div className="row row--wrap">
          <button type="button" className="button--secondary" onClick={() => void toggle()}>
            {user.active ? 'Отключить' : 'Включить'}
          </button>
          <TextField label={`Новый пароль для ${user.login}`} type="password" autoComplete="new-password" value={password} onChange={setPassword} />
          <button type="button" className="button--secondary" disabled={password.length < 8} onClick={() => void resetPassword()}>
            Сменить пароль
          </button>
        </div>
      </td>
    </tr>
  );
}

export function UsersAdmin() {
  const [{ data, fetching }, refetch] = useQuery({ query: UsersDocument });
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (message: string | null) => {
    setNotice(message);
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <section aria-labelledby="users-title" className="panel">
      <h2 id="users-title">Пользователи</h2>
      {notice && <Notice>{notice}</Notice>}
      {!data && fetching && <Loading />}
      {data && (
        <div className="table-wrap">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">Логин</th>
                <th scope="col">ФИО, должность</th>
                <th scope="col">Роль</th>
                <th scope="col">Организация</th>
                <th scope="col">Действия</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((u) => (
                <UserRow key={u.id} user={u} onChanged={changed} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateUserForm onCreated={(login) => changed(`Пользователь ${login} создан.`)} />
    </section>
  );
}
