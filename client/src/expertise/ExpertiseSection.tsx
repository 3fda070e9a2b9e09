import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { CaseExpertisesDocument, OpenExpertiseDocument, type ExpertiseKind, type ExpertiseType } from '../../generated/graphql';
import { SelectField } from '../ui/fields';
import { FormMessages, Loading, RequestError } from '../ui/feedback';
import { todayIso } from '../ui/format';
import { EXPERTISE_KIND, EXPERTISE_TYPE, options } from '../ui/labels';
import { usePayloadMutation } from '../ui/payload-mutation';
import { ExpertisePanel } from './ExpertisePanel';
import { DateField } from '../ui/DateField';

/** Opens an МЭЭ or ЭКМП on the case; choosing a signed one makes it a correcting expertise of it. */
function OpenExpertiseForm({ caseId, correctable, onOpened }: { caseId: string; correctable: Array<{ id: string; number: string }>; onOpened(): void }) {
  const [type, setType] = useState<ExpertiseType | ''>('EKMP');
  const [kind, setKind] = useState<ExpertiseKind | ''>('TARGETED');
  const [startDate, setStartDate] = useState(todayIso());
  const [documentsRequestedOn, setDocumentsRequestedOn] = useState('');
  const [correctsExpertiseId, setCorrects] = useState('');
  const open = usePayloadMutation(OpenExpertiseDocument, ['type', 'kind', 'startDate', 'documentsRequestedOn', 'correctsExpertiseId']);
  const { errors } = open;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { result } = await open.send({
      input: {
        caseId,
        type: type as ExpertiseType,
        kind: kind as ExpertiseKind,
        startDate,
        documentsRequestedOn: documentsRequestedOn || undefined,
        correctsExpertiseId: correctsExpertiseId || undefined,
      },
    });
    if (result) onOpened();
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Открыть экспертизу">
      <h3>Открыть экспертизу</h3>
      <FormMessages messages={errors.general} />
      <div className="grid">
        <SelectField label="Вид экспертизы" value={type} options={options(EXPERTISE_TYPE)} onChange={setType} error={errors.byField.type} />
        <SelectField label="Основание" value={kind} options={options(EXPERTISE_KIND)} onChange={setKind} error={errors.byField.kind} />
        <DateField label="Дата начала" value={startDate} onChange={setStartDate} error={errors.byField.startDate} />
        <DateField
          label="Запрос документов у МО"
          value={documentsRequestedOn}
          onChange={setDocumentsRequestedOn}
          error={errors.byField.documentsRequestedOn}
          hint="необязательно"
        />
        {correctable.length > 0 && (
          <SelectField
            label="Исправляет экспертизу"
            value={correctsExpertiseId}
            options={correctable.map((x) => ({ value: x.id, label: x.number }))}
            placeholder="нет, новая экспертиза"
            onChange={setCorrects}
            error={errors.byField.correctsExpertiseId}
            hint="исправления подписанного заключения вносятся новой экспертизой"
          />
        )}
      </div>
      <button type="submit" disabled={open.busy}>
        Открыть экспертизу
      </button>
    </form>
  );
}

export function ExpertiseSection({ caseId, onCaseChanged }: { caseId: string; onCaseChanged(): void }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: CaseExpertisesDocument, variables: { id: caseId } });
  const changed = () => {
    refetch({ requestPolicy: 'network-only' });
    onCaseChanged();
  };
  const expertises = data?.refusalCase?.expertises ?? [];
  return (
    <section aria-labelledby="expertise-title" className="panel">
      <h2 id="expertise-title">Экспертизы (МЭЭ, ЭКМП)</h2>
      {error && <RequestError error={error} />}
      {!data && fetching && <Loading what="Загрузка экспертиз" />}
      {data && expertises.length === 0 && <p className="muted">Экспертиз по случаю нет.</p>}
      {expertises.map((e) => (
        <ExpertisePanel key={e.id} expertise={e} onChanged={changed} />
      ))}
      {data?.refusalCase?.editable && <OpenExpertiseForm caseId={caseId} correctable={expertises.filter((e) => e.mayCorrect)} onOpened={changed} />}
    </section>
  );
}
