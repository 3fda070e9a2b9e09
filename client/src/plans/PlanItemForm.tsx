import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { AddPlanItemDocument, RootCausesDocument } from '../../generated/graphql';
import { useOrganisations } from '../app/organisations';
import { TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { usePayloadMutation } from '../ui/payload-mutation';
import { DateField } from '../ui/DateField';

const FIELDS = ['measure', 'targetMoIds', 'responsibleOrganisation', 'responsiblePerson', 'dueDate', 'defectCodes', 'rootCauseIds'] as const;

function toggle(list: string[], id: string, on: boolean): string[] {
  return on ? [...list, id] : list.filter((x) => x !== id);
}

/** The SMO adds a measure to its quarterly plan: whom it targets, who answers for it, what it fights. */
export function PlanItemForm({ planId, onAdded }: { planId: string; onAdded(): void }) {
  const { mos } = useOrganisations();
  const [{ data: causes }] = useQuery({ query: RootCausesDocument, requestPolicy: 'cache-first' });
  const [measure, setMeasure] = useState('');
  const [targetMoIds, setTargets] = useState<string[]>([]);
  const [responsibleOrganisation, setOrganisation] = useState('');
  const [responsiblePerson, setPerson] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [defectCodes, setCodes] = useState('');
  const [rootCauseIds, setCauses] = useState<string[]>([]);
  const add = usePayloadMutation(AddPlanItemDocument, FIELDS);
  const { errors } = add;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const codes = defectCodes.split(/[,;\s]+/).filter(Boolean);
    const { result } = await add.send({
      input: { planId, measure, targetMoIds, responsibleOrganisation, responsiblePerson, dueDate, defectCodes: codes, rootCauseIds },
    });
    if (result) {
      setMeasure('');
      setCodes('');
      setCauses([]);
      onAdded();
    }
  };

  return (
    <form className="subform panel" onSubmit={submit} noValidate aria-label="Новый пункт плана">
      <h2>Новый пункт плана</h2>
      <FormMessages messages={errors.general} />
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
      <button type="submit" disabled={add.busy}>
        Добавить пункт
      </button>
    </form>
  );
}
