import { useId, useState, type FormEvent } from 'react';
import { useClient, useQuery } from 'urql';
import {
  CalendarYearsDocument,
  CatalogueVersionsDocument,
  ImportCatalogueDocument,
  ImportProductionCalendarDocument,
  ProductionCalendarPreviewDocument,
  ReferenceDictionariesDocument,
  type ProductionCalendarPreviewQuery,
} from '../../generated/graphql';
import { TextField } from '../ui/fields';
import { FormMessages, Notice } from '../ui/feedback';
import { formatDate } from '../ui/format';
import { usePayloadMutation } from '../ui/payload-mutation';
import { DateField } from '../ui/DateField';
import { readAsBase64 } from '../ui/download';

function FileField({ label, accept, onFile }: { label: string; accept: string; onFile(file: File | null): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" accept={accept} onChange={(e) => onFile(e.target.files?.[0] ?? null)} />
    </div>
  );
}

/** A new version of the defect catalogue: the tariff agreement's appendix as published (DOCX) or its table in Markdown. */
function CatalogueImport({ onImported }: { onImported(message: string): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const importCatalogue = usePayloadMutation(ImportCatalogueDocument, ['name', 'effectiveFrom', 'content']);
  const { errors } = importCatalogue;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const content = file.name.toLowerCase().endsWith('.docx') ? { contentBase64: await readAsBase64(file) } : { content: await file.text() };
    const { result } = await importCatalogue.send({ input: { ...content, name, effectiveFrom, sourceDocument: file.name } });
    if (result) onImported(`Перечень «${result.name}» загружен: кодов ${result.codeCount}, действует с ${formatDate(result.effectiveFrom)}.`);
  };
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Загрузка перечня дефектов">
      <h3>Загрузить версию перечня дефектов</h3>
      <FormMessages messages={errors.general} />
      <div className="grid">
        <FileField label="Файл перечня (приложение .docx или таблица .md)" accept=".docx,.md,.txt" onFile={setFile} />
        <TextField label="Название версии" value={name} onChange={setName} error={errors.byField.name} />
        <DateField label="Действует с" value={effectiveFrom} onChange={setEffectiveFrom} error={errors.byField.effectiveFrom} />
      </div>
      {errors.byField.content && (
        <p className="field__error" role="alert">
          {errors.byField.content}
        </p>
      )}
      <button type="submit" disabled={importCatalogue.busy || !file}>
        Загрузить перечень
      </button>
    </form>
  );
}

type CalendarPreview = ProductionCalendarPreviewQuery['productionCalendarPreview'];

const dayMonth = (day: string) => formatDate(day).slice(0, 5);

/** The days a calendar file would load, year by year, for the administrator to compare with the decree. */
function CalendarPreviewTable({ preview }: { preview: CalendarPreview }) {
  return (
    <div className="table-wrap">
      <table className="table table--compact">
        <caption>Что будет загружено</caption>
        <thead>
          <tr>
            <th scope="col">Год</th>
            <th scope="col" className="num">
              Рабочих дней
            </th>
            <th scope="col">Нерабочие будни</th>
            <th scope="col">Рабочие субботы и воскресенья</th>
          </tr>
        </thead>
        <tbody>
          {preview.map((y) => (
            <tr key={y.year}>
              <td>
                {y.year}
                {y.alreadyLoaded && <div className="muted">уже загружен — будет заменён</div>}
              </td>
              <td className="num">{y.workingDays}</td>
              <td>{y.daysOff.map(dayMonth).join(', ') || '—'}</td>
              <td>{y.workingWeekends.map(dayMonth).join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Years of the production calendar, when the Government publishes the next decree: previewed, then loaded. */
function CalendarImport({ onImported }: { onImported(message: string): void }) {
  const client = useClient();
  const [content, setContent] = useState<string | null>(null);
  const [preview, setPreview] = useState<CalendarPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [source, setSource] = useState('');
  const importCalendar = usePayloadMutation(ImportProductionCalendarDocument, ['source', 'content']);
  const { errors } = importCalendar;
  const choose = async (file: File | null) => {
    setPreview(null);
    setPreviewError(null);
    const text = file ? await file.text() : null;
    setContent(text);
    if (!text) return;
    const answer = await client.query(ProductionCalendarPreviewDocument, { content: text }, { requestPolicy: 'network-only' }).toPromise();
    if (answer.data) setPreview(answer.data.productionCalendarPreview);
    else setPreviewError(answer.error?.graphQLErrors[0]?.message ?? 'Файл не удалось проверить');
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!content || !preview) return;
    const { result: years } = await importCalendar.send({ content, source });
    if (years) {
      onImported(`Производственный календарь загружен: ${years.map((y) => y.year).join(', ')}.`);
      setPreview(null);
    }
  };
  const contentError = errors.byField.content ?? previewError;
  return (
    <form className="subform" onSubmit={submit} noValidate aria-label="Загрузка производственного календаря">
      <h3>Загрузить производственный календарь</h3>
      <FormMessages messages={errors.general} />
      <div className="grid">
        <FileField label="Файл календаря (.xml с xmlcalendar.ru или .json, как в data/calendars)" accept=".xml,.json" onFile={(file) => void choose(file)} />
        <TextField label="Источник (постановление Правительства)" value={source} onChange={setSource} error={errors.byField.source} />
      </div>
      {contentError && (
        <p className="field__error" role="alert">
          {contentError}
        </p>
      )}
      {preview && <CalendarPreviewTable preview={preview} />}
      <button type="submit" disabled={importCalendar.busy || !preview}>
        Загрузить календарь
      </button>
    </form>
  );
}

/** The dictionaries of the federal register loaded in Razbor: a newer version is loaded with `npm run import-fnsi`. */
function RegisterDictionaries() {
  const [{ data }] = useQuery({ query: ReferenceDictionariesDocument });
  return (
    <>
      <h3>Справочники ФНСИ</h3>
      <div className="table-wrap">
        <table className="table table--compact">
          <caption>Загруженные версии</caption>
          <thead>
            <tr>
              <th scope="col">Справочник</th>
              <th scope="col">OID</th>
              <th scope="col">Версия</th>
              <th scope="col">Опубликована</th>
              <th scope="col" className="num">
                Записей
              </th>
            </tr>
          </thead>
          <tbody>
            {(data?.referenceDictionaries ?? []).map((d) => (
              <tr key={d.id}>
                <td>{d.shortName}</td>
                <td>{d.oid}</td>
                <td>{d.version}</td>
                <td>{formatDate(d.publishedOn)}</td>
                <td className="num">{d.rowCount.toLocaleString('ru-RU')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        Новая версия загружается командой npm run import-fnsi -- ПАСПОРТ.json ЗАПИСИ.json; прежние версии остаются, действует опубликованная последней.
      </p>
    </>
  );
}

export function ReferenceAdmin() {
  const [{ data: catalogues }, refetchCatalogues] = useQuery({ query: CatalogueVersionsDocument });
  const [{ data: calendar }, refetchCalendar] = useQuery({ query: CalendarYearsDocument });
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section aria-labelledby="reference-title" className="panel">
      <h2 id="reference-title">Справочники, перечень дефектов и производственный календарь</h2>
      {notice && <Notice>{notice}</Notice>}
      <RegisterDictionaries />
      <h3>Версии перечня</h3>
      <ul className="plain-list">
        {(catalogues?.catalogueVersions ?? []).map((v) => (
          <li key={v.id}>
            {v.name} — с {formatDate(v.effectiveFrom)}, кодов {v.codeCount}
            <div className="muted">{v.sourceDocument}</div>
          </li>
        ))}
      </ul>
      <CatalogueImport
        onImported={(message) => {
          setNotice(message);
          refetchCatalogues({ requestPolicy: 'network-only' });
        }}
      />
      <h3>Годы производственного календаря</h3>
      <p>{(calendar?.calendarYears ?? []).map((y) => y.year).join(', ') || '—'}</p>
      <CalendarImport
        onImported={(message) => {
          setNotice(message);
          refetchCalendar({ requestPolicy: 'network-only' });
        }}
      />
    </section>
  );
}
