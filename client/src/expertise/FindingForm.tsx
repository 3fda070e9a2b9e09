import { useState, type FormEvent } from 'react';
import { useNormKindOptions } from '../app/norm-kinds';
import { AddFindingDocument, type DefectCodeFieldsFragment, type EpisodeFieldsFragment } from '../../generated/graphql';
import { SelectField, TextArea, TextField } from '../ui/fields';
import { FormMessages } from '../ui/feedback';
import { decimalFromTyped, formatDate, formatMoney, RUBLES_EXPECTED } from '../ui/format';
import { usePayloadMutation } from '../ui/payload-mutation';
import { DefectCodePicker } from './DefectCodePicker';
import { DateField } from '../ui/DateField';

const FIELDS = [
  'code',
  'episodeId',
  'episode.recordNumber',
  'episode.careFrom',
  'episode.careTo',
  'episode.normKindCode',
  'episode.tariff',
  'description',
] as const;
const NEW_EPISODE = 'new';

const episodeLabel = (e: EpisodeFieldsFragment) =>
  `${e.recordNumber}${e.careTo ? `, ${formatDate(e.careFrom)}–${formatDate(e.careTo)}` : ''}, RT ${formatMoney(e.tariff)}`;

/** A finding on a case of care already examined in this expertise, or on a new one described here. */
export function FindingForm({
  expertiseId,
  defectSection,
  episodes,
  onAdded,
}: {
  expertiseId: string;
  defectSection: number;
  episodes: EpisodeFieldsFragment[];
  onAdded(): void;
}) {
  const [code, setCode] = useState<DefectCodeFieldsFragment | null>(null);
  const [episodeChoice, setEpisodeChoice] = useState<string>(episodes.length ? '' : NEW_EPISODE);
  const [recordNumber, setRecordNumber] = useState('');
  const [careFrom, setCareFrom] = useState('');
  const [careTo, setCareTo] = useState('');
  const [normKindCode, setNormKindCode] = useState('');
  const [tariff, setTariff] = useState('');
  const [description, setDescription] = useState('');
  const kinds = useNormKindOptions();
  const addFinding = usePayloadMutation(AddFindingDocument, FIELDS);
  const { errors } = addFinding;
  const isNew = episodeChoice === NEW_EPISODE;

  const tariffProblem = tariff.trim() && !decimalFromTyped(tariff) ? RUBLES_EXPECTED : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const episode = { recordNumber, careFrom, careTo, normKindCode, tariff: decimalFromTyped(tariff) ?? tariff.trim() };
    const { result } = await addFinding.send({
      input: { expertiseId, code: code?.code ?? '', description, ...(isNew ? { episode } : { episodeId: episodeChoice }) },
    });
    if (result) {
      setCode(null);
      setDescription('');
      // The next finding is most often on the same record.
      setEpisodeChoice(result.episode.id);
      onAdded();
    }
  };

  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Новое замечание">
      <h4>Новое замечание</h4>
      <FormMessages messages={errors.general} />
      <DefectCodePicker value={code} onChange={setCode} error={errors.byField.code} section={defectSection} />
      <SelectField
        label="Случай оказания помощи"
        value={episodeChoice}
        options={[...episodes.map((e) => ({ value: e.id, label: episodeLabel(e) })), { value: NEW_EPISODE, label: 'Новый случай…' }]}
        placeholder="выберите"
        onChange={setEpisodeChoice}
        error={errors.byField.episodeId}
        hint="по одному случаю применяется одно основание — с наибольшей суммой"
      />
      {isNew && (
        <fieldset className="grid">
          <legend>Новый случай оказания помощи</legend>
          <TextField
            label="№ карты (истории болезни), отделение"
            value={recordNumber}
            onChange={setRecordNumber}
            error={errors.byField['episode.recordNumber']}
          />
          <DateField label="Начало оказания помощи" value={careFrom} onChange={setCareFrom} error={errors.byField['episode.careFrom']} />
          <DateField
            label="Окончание оказания помощи"
            value={careTo}
            onChange={setCareTo}
            error={errors.byField['episode.careTo']}
            hint="по этой дате берётся норматив RP"
          />
          <SelectField
            label="Вид норматива (условия оказания помощи)"
            value={normKindCode}
            options={kinds.options}
            placeholder="выберите"
            onChange={setNormKindCode}
            error={errors.byField['episode.normKindCode']}
          />
          <TextField
            label="RT — стоимость случая, ₽"
            inputMode="decimal"
            value={tariff}
            onChange={setTariff}
            error={errors.byField['episode.tariff'] ?? tariffProblem}
            hint="суммы неоплаты и штрафа рассчитает сервер"
          />
        </fieldset>
      )}
      <TextArea label="Описание нарушения" value={description} onChange={setDescription} error={errors.byField.description} />
      <button type="submit" disabled={addFinding.busy}>
        Добавить замечание
      </button>
    </form>
  );
}
