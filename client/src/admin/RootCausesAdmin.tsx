import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { CreateRootCauseDocument, RootCausesDocument, SetRootCauseActiveDocument } from '../../generated/graphql';
import { CheckboxField, TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { usePayloadMutation } from '../ui/payload-mutation';
import { confirmed } from '../ui/confirm';

/** The list of root causes commissions choose from: add one, retire one, bring one back. */
export function RootCausesAdmin() {
  const [{ data }, refetch] = useQuery({ query: RootCausesDocument, variables: { includeInactive: true } });
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [requiresText, setRequiresText] = useState(false);
  const create = usePayloadMutation(CreateRootCauseDocument, ['code', 'name']);
  const setActive = usePayloadMutation(SetRootCauseActiveDocument);
  const { errors } = create;
  const refresh = () => refetch({ requestPolicy: 'network-only' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ((await create.send({ code: code.trim(), name, requiresText })).result) {
      setCode('');
      setName('');
      setRequiresText(false);
      refresh();
    }
  };
  const toggle = async (cause: { id: string; name: string }, active: boolean) => {
    if (!active && !confirmed(`Вывести причину «${cause.name}» из употребления? Её нельзя будет выбрать в новых разборах.`)) return;
    if ((await setActive.send({ id: cause.id, active })).result) refresh();
  };

  return (
    <section aria-labelledby="causes-title" className="panel">
      <h2 id="causes-title">Причины (справочник для комиссионных разборов)</h2>
      <FormMessages messages={setActive.errors.general} />
      <ul className="plain-list">
        {(data?.rootCauses ?? []).map((c) => (
          <li key={c.id} className={c.active ? undefined : 'muted'}>
            <strong>{c.code}</strong> {c.name}
            {c.requiresText && <span className="badge">нужно пояснение</span>}
            {!c.active && <span className="badge">выведена</span>}{' '}
            <button type="button" className="button--link" onClick={() => void toggle(c, !c.active)}>
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
        <button type="submit" disabled={create.busy}>
          Добавить причину
        </button>
      </form>
    </section>
  );
}
