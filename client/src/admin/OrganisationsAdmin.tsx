import { useState, type FormEvent } from 'react';
import { CreateOrganisationDocument, UpdateOrganisationDocument, type OrganisationFieldsFragment, type OrganisationKind } from '../../generated/graphql';
import { isValidRegistrationNumber } from '../../../server/shared/identifiers';
import { ENUM_LABELS } from '../app/enum-labels.generated';
import { useOrganisations } from '../app/organisations';
import { SelectField, TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { options } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';
import { EditButton, EditRow, SaveOrCancel, useRowEditing } from './row-editing';
import { confirmed } from '../ui/confirm';

const KIND: Record<OrganisationKind, string> = ENUM_LABELS.OrganisationKind;
const FIELDS = ['kind', 'shortName', 'fullName', 'ogrn', 'registryCode', 'region'] as const;

function CreateOrganisationForm({ onCreated }: { onCreated(): void }) {
  const [kind, setKind] = useState<OrganisationKind | ''>('MO');
  const [shortName, setShortName] = useState('');
  const [fullName, setFullName] = useState('');
  const [ogrn, setOgrn] = useState('');
  const [region, setRegion] = useState('Республика Северная Осетия-Алания');
  const [registryCode, setRegistryCode] = useState('');
  const create = usePayloadMutation(CreateOrganisationDocument, FIELDS);
  const { errors } = create;
  const complete = ogrn.length === 13 || ogrn.length === 15;
  const ogrnProblem =
    complete && !isValidRegistrationNumber(ogrn)
      ? 'Неверная контрольная цифра ОГРН (ОГРНИП)'
      : ogrn && !/^\d*$/.test(ogrn)
        ? 'ОГРН — 13 цифр, ОГРНИП — 15 цифр'
        : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { result } = await create.send({
      input: { kind: kind as OrganisationKind, shortName, fullName, ogrn: ogrn.trim(), registryCode: registryCode.trim() || undefined, region },
    });
    if (result) {
      setShortName('');
      setFullName('');
      setOgrn('');
      onCreated();
    }
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Новая организация">
      <h3>Новая организация</h3>
      <FormMessages messages={errors.general} />
      <div className="grid">
        <SelectField label="Вид" value={kind} options={options(KIND)} onChange={setKind} error={errors.byField.kind} />
        <TextField label="Краткое название" value={shortName} onChange={setShortName} error={errors.byField.shortName} />
        <TextField label="Полное название" value={fullName} onChange={setFullName} error={errors.byField.fullName} />
        <TextField label="ОГРН (ОГРНИП)" inputMode="numeric" maxLength={15} value={ogrn} onChange={setOgrn} error={errors.byField.ogrn ?? ogrnProblem} />
        <TextField label="Код в реестре ТФОМС" value={registryCode} onChange={setRegistryCode} error={errors.byField.registryCode} hint="необязательно" />
        <TextField label="Регион" value={region} onChange={setRegion} error={errors.byField.region} />
      </div>
      <button type="submit" disabled={create.busy}>
        Добавить организацию
      </button>
    </form>
  );
}

const EDITABLE = ['shortName', 'fullName', 'ogrn', 'registryCode', 'region'] as const;

/** Names, ОГРН and region changed in place, at the version shown; a colleague's change meanwhile is refused. */
function EditOrganisationForm({ organisation: o, onDone }: { organisation: OrganisationFieldsFragment; onDone(changed: boolean): void }) {
  const [shortName, setShortName] = useState(o.shortName);
  const [fullName, setFullName] = useState(o.fullName);
  const [ogrn, setOgrn] = useState(o.ogrn);
  const [region, setRegion] = useState(o.region);
  const [registryCode, setRegistryCode] = useState(o.registryCode ?? '');
  const update = usePayloadMutation(UpdateOrganisationDocument, EDITABLE);
  const { errors } = update;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { result } = await update.send({
      input: { id: o.id, version: o.version, shortName, fullName, ogrn: ogrn.trim(), registryCode: registryCode.trim() || undefined, region },
    });
    if (result) onDone(true);
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label={`Изменить ${o.shortName}`}>
      <FormMessages messages={errors.general} />
      <div className="grid">
        <TextField label="Краткое название" value={shortName} onChange={setShortName} error={errors.byField.shortName} />
        <TextField label="Полное название" value={fullName} onChange={setFullName} error={errors.byField.fullName} />
        <TextField label="ОГРН (ОГРНИП)" inputMode="numeric" maxLength={15} value={ogrn} onChange={setOgrn} error={errors.byField.ogrn} />
        <TextField label="Код в реестре ТФОМС" value={registryCode} onChange={setRegistryCode} error={errors.byField.registryCode} />
        <TextField label="Регион" value={region} onChange={setRegion} error={errors.byField.region} />
      </div>
      <SaveOrCancel busy={update.busy} stale={Boolean(errors.staleVersion)} onDone={onDone} />
    </form>
  );
}

function OrganisationRow({ organisation: o, onChanged }: { organisation: OrganisationFieldsFragment; onChanged(): void }) {
  const update = usePayloadMutation(UpdateOrganisationDocument);
  const toggle = async () => {
    if (o.active && !confirmed(`Вывести «${o.shortName}» из справочника? Её нельзя будет выбрать в новых случаях.`)) return;
    const { result, errors } = await update.send({ input: { id: o.id, version: o.version, active: !o.active } });
    if (result || errors.staleVersion) onChanged();
  };
  const editing = useRowEditing(onChanged);
  return (
    <>
      <tr className={o.active ? undefined : 'row--invalid'}>
        <td>{KIND[o.kind]}</td>
        <td>
          {o.shortName}
          <div className="muted">{o.fullName}</div>
        </td>
        <td>
          {o.ogrn}
          {o.registryCode && <div className="muted">реестр ТФОМС: {o.registryCode}</div>}
        </td>
        <td>{o.region}</td>
        <td>
          <FormMessages messages={update.errors.general} />
          <div className="row row--wrap">
            <EditButton editing={editing.editing} onClick={editing.start} />
            <button type="button" className="button--secondary" onClick={() => void toggle()}>
              {o.active ? 'Вывести из справочника' : 'Вернуть в справочник'}
            </button>
          </div>
        </td>
      </tr>
      <EditRow editing={editing.editing} columns={5}>
        <EditOrganisationForm organisation={o} onDone={editing.done} />
      </EditRow>
    </>
  );
}

export function OrganisationsAdmin() {
  const { all, refetch } = useOrganisations(false);
  return (
    <section aria-labelledby="orgs-title" className="panel">
      <h2 id="orgs-title">Организации</h2>
      <div className="table-wrap">
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">Вид</th>
              <th scope="col">Название</th>
              <th scope="col">ОГРН</th>
              <th scope="col">Регион</th>
              <th scope="col">Действия</th>
            </tr>
          </thead>
          <tbody>
            {all.map((o) => (
              <OrganisationRow key={o.id} organisation={o} onChanged={refetch} />
            ))}
          </tbody>
        </table>
      </div>
      <CreateOrganisationForm onCreated={refetch} />
    </section>
  );
}
