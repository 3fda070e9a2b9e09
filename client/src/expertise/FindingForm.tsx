import { useState, type FormEvent } from 'react';
import { AddFindingDocument, type CareKind, type DefectCodeFieldsFragment } from '../../generated/graphql';
import { SelectField, TextArea, TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { CARE_KIND, options } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';
import { DefectCodePicker } from './DefectCodePicker';

const FIELDS = ['code', 'careEpisode', 'careKind', 'tariff', 'description'] as const;
const MONEY = /^\d{1,12}([.,]\d{1,2})?$/;

export function FindingForm({ expertiseId, onAdded }: { expertiseId: string; onAdded(): void }) {
  const [code, setCode] = useState<DefectCodeFieldsFragment | null>(null);
  const [careEpisode, setCareEpisode] = useState('');
  const [careKind, setCareKind] = useState<CareKind | ''>('');
  const [tariff, setTariff] = useState('');
  const [description, setDescription] = useState('');
  const addFinding = usePayloadMutation(AddFindingDocument, FIELDS);
  const { errors } = addFinding;

  const tariffProblem = tariff && !MONEY.test(tariff.trim()) ? 'Рубли с копейками, например 45210.50' : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { result } = await addFinding.send({
      input: { expertiseId, code: code?.code ?? '', careEpisode, careKind: careKind as CareKind, tariff: tariff.trim().replace(',', '.'), description },
    });
    if (result) {
      setCode(null);
      setCareEpisode('');
      setTariff('');
      setDescription('');
      onAdded();
    }
  };

  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Новое замечание">
      <h4>Новое замечание</h4>
      <FormMessages messages={errors.general} />
      <DefectCodePicker value={code} onChange={setCode} error={errors.byField.code} />
      <div className="grid">
        <TextField
          label="Случай оказания помощи"
          placeholder="№ карты, даты, отделение"
          value={careEpisode}
          onChange={setCareEpisode}
          error={errors.byField.careEpisode}
        />
        <SelectField
          label="Вид помощи"
          value={careKind}
          options={options(CARE_KIND)}
          placeholder="выберите"
          onChange={setCareKind}
          error={errors.byField.careKind}
        />
        <TextField
          label="RT — стоимость случая, ₽"
          inputMode="decimal"
          value={tariff}
          onChange={setTariff}
          error={errors.byField.tariff ?? tariffProblem}
          hint="суммы неоплаты и штрафа рассчитает сервер"
        />
      </div>
      <TextArea label="Описание нарушения" value={description} onChange={setDescription} error={errors.byField.description} />
      <button type="submit" disabled={addFinding.busy}>
        Добавить замечание
      </button>
    </form>
  );
}
