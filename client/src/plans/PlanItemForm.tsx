import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { AddPlanItemDocument, RootCausesDocument, UpdatePlanItemDocument, type PlanItemFieldsFragment } from '../../generated/graphql';
import { useOrganisations } from '../app/organisations';
import { TextField } from '../ui/fields';
import { FormFooter, FormMessages } from '../ui/feedback';
import { usePayloadMutation } from '../ui/payload-mutation';
import { DateField } from '../ui/DateField';

const FIELDS = ['measure', 'targetMoIds', 'responsibleOrganisation', 'responsiblePerson', 'dueDate', 'defectCodes', 'rootCauseIds'] as const;

function toggle(list: string[], id: string, on: boolean): string[] {
  return on ? [...list, id] : list.filter((x) => x !== id);
}

type Props = { planId: string; onDone(): void } & ({ item?: undefined; onCancel?: undefined } | { item: PlanItemFieldsFragment; onCancel(): void });

/**
 * The SMO adds a measure to its quarterly plan (whom it targets, who answers for it, what it
 * fights), or changes one until it is done: the MOs are then asked to agree again.
 */
export function PlanItemForm({ planId, item, onDone, onCancel }: Props) {
  const { mos } = useOrganisations();
  const [{ data: causes }] = useQuery({ query: RootCausesDocument, requestPolicy: 'cache-first' });
  const [measure, setMeasure] = useState(item?.measure ?? '');
  const [targetMoIds, setTargets] = useState<string[]>(item?.targetMoIds ?? []);
  const [responsibleOrganisation, setOrganisation] = useState(item?.responsibleOrganisation ?? '');
  const [responsiblePerson, setPerson] = useState(item?.responsiblePerson ?? '');
  const [dueDate, setDueDate] = useState(item?.dueDate ?? '');
  const [defectCodes, setCodes] = useState(item?.defectCodes.join(', ') ?? '');
  const [rootCauseIds, setCauses] = useState<string[]>(item?.rootCauseIds ?? []);
  const add = usePayloadMutation(AddPlanItemDocument, FIELDS);
  const update = usePayloadMutation(UpdatePlanItemDocument, FIELDS);
  const { errors } = item ? update : add;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const terms = {
      measure,
      targetMoIds,
      responsibleOrganisation,
      responsiblePerson,
      dueDate,
      defectCodes: defectCodes.split(/[,;\s]+/).filter(Boolean),
      rootCauseIds,
    };
    if (item) {
      const { result, errors: problems } = await update.send({ input: { id: item.id, version: item.version, ...terms } });
      if (result || problems.staleVersion) onDone();
      return;
    }
    if ((await add.send({ input: { planId, ...terms } })).result) {
      setMeasure('');
      setCodes('');
      setCauses([]);
      onDone();
    }
  };
  const title = item ? 'Изменить пункт плана' : 'Новый пункт плана';

  return (
    <form className="subform panel" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      {item && item.confirmations.length > 0 && (
        <p className="muted">После изменения мероприятия, срока, ответственных или адресатов МО согласуют пункт заново.</p>
      )}
      {!item && <FormMessages messages={errors.general} />}
      <TextField label="Мероприятие" value={measure} onChange={setMeasure} error={errors.byField.measure} />
      <fieldset>
        <legend>Каким МО (ничего не отмечено — всем)</legend>
        {errors.byField.targetMoIds && (
          <p className="field__error" role="alert">
            {errors.byField.targetMoIds}
          </p>
        )}
        <div className="checks">
          {mos.map((mo) => (
            <label key={mo.id}>
              <input type="checkbox" checked={targetMoIds.includes(mo.id)} onChange={(e) => setTargets(toggle(targetMoIds, mo.id, e.target.checked))} />{' '}
              {mo.shortName}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid">
        <TextField
          label="Ответственная организация"
          value={responsibleOrganisation}
          onChange={setOrganisation}
          error={errors.byField.responsibleOrganisation}
        />
        <TextField label="Ответственное лицо" value={responsiblePerson} onChange={setPerson} error={errors.byField.responsiblePerson} />
        <DateField label="Срок" value={dueDate} onChange={setDueDate} error={errors.byField.dueDate} />
        <TextField
          label="Коды дефектов"
          value={defectCodes}
          onChange={setCodes}
          placeholder="3.2.1, 3.2.2"
          hint="через запятую"
          error={errors.byField.defectCodes}
        />
      </div>
      <fieldset>
        <legend>Против каких причин</legend>
        {errors.byField.rootCauseIds && (
          <p className="field__error" role="alert">
            {errors.byField.rootCauseIds}
          </p>
        )}
        <div className="checks">
          {(causes?.rootCauses ?? []).map((c) => (
            <label key={c.id}>
              <input type="checkbox" checked={rootCauseIds.includes(c.id)} onChange={(e) => setCauses(toggle(rootCauseIds, c.id, e.target.checked))} /> {c.name}
            </label>
          ))}
        </div>
      </fieldset>
      {item ? (
        <FormFooter
          messages={errors.staleVersion ? ['Пункт уже изменил другой пользователь — показано его состояние.'] : errors.general}
          busy={update.busy}
          submitLabel="Сохранить пункт"
          onCancel={onCancel}
        />
      ) : (
        <button type="submit" disabled={add.busy}>
          Добавить пункт
        </button>
      )}
    </form>
  );
}
