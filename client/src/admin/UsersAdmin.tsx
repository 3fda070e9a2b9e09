import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { CreateUserDocument, ResetUserPasswordDocument, UpdateUserDocument, UsersDocument, type Role, type UserFieldsFragment } from '../../generated/graphql';
import { organisationOptions, useOrganisations } from '../app/organisations';
import { SelectField, TextField } from '../ui/fields';
import { FormMessages, Loading, Notice } from '../ui/feedback';
import { ROLE, options } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';
import { EditButton, EditRow, SaveOrCancel, useRowEditing } from './row-editing';
import { confirmed } from '../ui/confirm';

const FIELDS = ['login', 'fullName', 'position', 'email', 'specialty', 'expertRegistryNumber', 'role', 'organisationId', 'password'] as const;

function CreateUserForm({ onCreated }: { onCreated(login: string): void }) {
  const { smos, mos, funds } = useOrganisations();
  const [login, setLogin] = useState('');
  const [fullName, setFullName] = useState('');
  const [position, setPosition] = useState('');
  const [email, setEmail] = useState('');
  const [specialty, setSpecialty] = useState('');
  const [expertRegistryNumber, setExpertRegistryNumber] = useState('');
  const [role, setRole] = useState<Role | ''>('SMO_EXPERT');
  const [organisationId, setOrganisationId] = useState('');
  const [password, setPassword] = useState('');
  const create = usePayloadMutation(CreateUserDocument, FIELDS);
  const { errors } = create;
  // Each role belongs to one kind of organisation; the administrator to none.
  const choices = role === 'SMO_EXPERT' ? smos : role === 'MO_COMMISSION' ? mos : role === 'MONITORING' ? funds : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { result } = await create.send({
      input: {
        login: login.trim(),
        fullName,
        position: position || undefined,
        email: email.trim() || undefined,
        ...(role === 'SMO_EXPERT' ? { specialty: specialty || undefined, expertRegistryNumber: expertRegistryNumber || undefined } : {}),
        role: role as Role,
        organisationId: organisationId || undefined,
        password,
      },
    });
    if (result) {
      onCreated(result.login);
      setLogin('');
      setFullName('');
      setPosition('');
      setEmail('');
      setSpecialty('');
      setExpertRegistryNumber('');
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
        <TextField label="Почта для уведомлений" type="email" value={email} onChange={setEmail} error={errors.byField.email} hint="необязательно" />
        <SelectField label="Роль" value={role} options={options(ROLE)} onChange={(r) => (setRole(r), setOrganisationId(''))} error={errors.byField.role} />
        {role === 'SMO_EXPERT' && (
          <ExpertFields values={{ specialty, expertRegistryNumber }} set={{ setSpecialty, setExpertRegistryNumber }} errors={errors.byField} />
        )}
        {role !== 'ADMIN' && (
          <SelectField
            label="Организация"
            value={organisationId}
            options={organisationOptions(choices)}
            placeholder="выберите"
            onChange={setOrganisationId}
            error={errors.byField.organisationId}
          />
        )}
        <TextField
          label="Начальный пароль"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          error={errors.byField.password}
          hint="не короче 8 символов"
        />
      </div>
      <button type="submit" disabled={create.busy}>
        Создать пользователя
      </button>
    </form>
  );
}

/** An expert's specialty and number in the register of quality experts: an ЭКМП act names both. */
function ExpertFields({
  values,
  set,
  errors,
}: {
  values: { specialty: string; expertRegistryNumber: string };
  set: { setSpecialty(v: string): void; setExpertRegistryNumber(v: string): void };
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      <TextField label="Специальность эксперта" value={values.specialty} onChange={set.setSpecialty} error={errors.specialty} hint="обязательна для ЭКМП" />
      <TextField
        label="Номер в реестре экспертов качества"
        value={values.expertRegistryNumber}
        onChange={set.setExpertRegistryNumber}
        error={errors.expertRegistryNumber}
        hint="обязателен для ЭКМП"
      />
    </>
  );
}

/** Name, position and an expert's credentials changed in place, at the version shown. */
function EditUserForm({ user, onDone }: { user: UserFieldsFragment; onDone(changed: boolean): void }) {
  const [fullName, setFullName] = useState(user.fullName);
  const [position, setPosition] = useState(user.position ?? '');
  const [specialty, setSpecialty] = useState(user.specialty ?? '');
  const [expertRegistryNumber, setExpertRegistryNumber] = useState(user.expertRegistryNumber ?? '');
  const [email, setEmail] = useState(user.email ?? '');
  const update = usePayloadMutation(UpdateUserDocument, ['fullName', 'position', 'email', 'specialty', 'expertRegistryNumber']);
  const { errors } = update;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const expert = user.role === 'SMO_EXPERT' ? { specialty: specialty.trim() || null, expertRegistryNumber: expertRegistryNumber.trim() || null } : {};
    if (
      (await update.send({ input: { id: user.id, version: user.version, fullName, position: position.trim() || null, email: email.trim(), ...expert } })).result
    )
      onDone(true);
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label={`Изменить ${user.login}`}>
      <FormMessages messages={errors.general} />
      <div className="grid">
        <TextField label="ФИО" value={fullName} onChange={setFullName} error={errors.byField.fullName} />
        <TextField label="Должность" value={position} onChange={setPosition} error={errors.byField.position} />
        <TextField label="Почта для уведомлений" type="email" value={email} onChange={setEmail} error={errors.byField.email} hint="пусто — писем нет" />
        {user.role === 'SMO_EXPERT' && (
          <ExpertFields values={{ specialty, expertRegistryNumber }} set={{ setSpecialty, setExpertRegistryNumber }} errors={errors.byField} />
        )}
      </div>
      <SaveOrCancel busy={update.busy} stale={Boolean(errors.staleVersion)} onDone={onDone} />
    </form>
  );
}

function UserRow({ user, onChanged }: { user: UserFieldsFragment; onChanged(message: string | null): void }) {
  const [password, setPassword] = useState('');
  const update = usePayloadMutation(UpdateUserDocument);
  const reset = usePayloadMutation(ResetUserPasswordDocument);
  const toggle = async () => {
    if (user.active && !confirmed(`Отключить пользователя ${user.login}? Он не сможет войти, пока его не включат снова.`)) return;
    const { result, errors } = await update.send({ input: { id: user.id, version: user.version, active: !user.active } });
    if (result || errors.staleVersion) onChanged(null);
  };
  const resetPassword = async () => {
    if ((await reset.send({ id: user.id, version: user.version, password })).result) {
      setPassword('');
      onChanged(`Пароль пользователя ${user.login} изменён; его прежние входы закрыты.`);
    }
  };
  const editing = useRowEditing(() => onChanged(null));
  return (
    <>
      <tr className={user.active ? undefined : 'row--invalid'}>
        <td>{user.login}</td>
        <td>
          {user.fullName}
          <div className="muted">
            {[user.position, user.specialty, user.expertRegistryNumber && `реестр № ${user.expertRegistryNumber}`].filter(Boolean).join(', ')}
          </div>
        </td>
        <td>{ROLE[user.role]}</td>
        <td>{user.organisation?.shortName ?? '—'}</td>
        <td>
          <FormMessages messages={[...update.errors.general, ...reset.errors.general]} />
          <div className="row row--wrap">
            <EditButton editing={editing.editing} onClick={editing.start} />
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
      <EditRow editing={editing.editing} columns={5}>
        <EditUserForm user={user} onDone={editing.done} />
      </EditRow>
    </>
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
