import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { CreateRootCauseDocument, RootCausesDocument, SetRootCauseActiveDocument } from '../../generated/graphql';
import { CheckboxField, TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { NO_ERRORS, toFormErrors } from '../ui/user-errors';

/** The list of root causes commissions choose from: add one, retire one, bring one back. */
export function RootCausesAdmin() {
  const [{ data }, refetch] = useQuery({ query: RootCausesDocument, variables: { includeInactive: true } });
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [requiresText, setRequiresText] = useState(false);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [messages, setMessages] = useState<string[]>([]);
  const [{ fetching }, create] = useMutation(CreateRootCauseDocument);
  const [, setActive] = useMutation(SetRootCauseActiveDocument);
  const refresh = () => refetch({ requestPolicy: 'network-only' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data: d, error } = await create({ code: code.trim(), name, requiresText });
    setErrors(toFormErrors(d?.createRootCause.errors ?? [], ['code', 'name'], error));
    if (d?.createRootCause.result) {
      setCode('');
      setName('');
      setRequiresText(false);
      refresh();
    }
  };
  const toggle = async (id: string, active: boolean) => {
    const { data: d, error } = await setActive({ id, active });
    setMessages(toFormErrors(d?.setRootCauseActive.errors ?? [], [], error).general);
    if (d?.setRootCauseActive.result) refresh();
  };

  return (
    <section aria-labelledby="causes-title" className="panel">
      <h2 id="causes-title">Причины (справочник для комиссионных разборов)</h2>
      <FormMessages messages={messages} />
      <ul className="plain-list">
        {(data?.rootCauses ?? []).map((c) => (
          <li key={c.id} className={c.active ? undefined : 'muted'}>
            <strong>{c.code}</strong> {c.name}
            {c.requiresText && <span className="badge">нужно пояснение</span>}
            {!c.active && <span className="badge">выведена</span>}{' '}
            <button type="button" className="button--link" onClick={() => void toggle(c.id, !c.active)}>
              {c.active ? 'Вывести из употребления' : 'Вернуть'}
            </button>
          </li>
        ))}
      </ul>
      <form className="subform" onSubmit={submit} noValidate aria-label="Новая причина">
        <FormMessages messages={errors.general} />
        <div className="grid">
          <TextField label="Код причины" value={code} onChange={setCode} error={errors.byField.code} hint="латиница, например STAFF_TRAINING" />
          <TextField label="Название" value={name} onChange={setName} error={errors.byField.name} />
        </div>
        <CheckboxField label="Комиссия обязана пояснить (как у причины «Другое»)" checked={requiresText} onChange={setRequiresText} />
        <button type="submit" disabled={fetching}>
          Добавить причину
        </button>
      </form>
    </section>
  );
}
