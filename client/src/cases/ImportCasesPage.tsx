import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ImportRefusalCasesDocument, type ImportRefusalCasesMutation, type ImportRowStatus } from '../../generated/graphql';
import { ENUM_LABELS } from '../app/enum-labels.generated';
import { useViewer } from '../app/session';
import { Empty, FormMessages } from '../ui/feedback';
import { usePayloadMutation } from '../ui/payload-mutation';
import { DownloadButton } from '../ui/DownloadButton';
import { readAsBase64 } from '../ui/download';

type ImportResult = NonNullable<ImportRefusalCasesMutation['importRefusalCases']['result']>;

const ROW_STATUS: Record<ImportRowStatus, string> = ENUM_LABELS.ImportRowStatus;

/** The rows listed one by one: a file of thousands of new cases lists its problems, not every case. */
const ATTENTION: ImportRowStatus[] = ['INVALID', 'ALREADY_PRESENT'];

/** Loads a spreadsheet of refusal cases: the rows with errors or already present one by one, the first cases created. */
export function ImportCasesPage() {
  const viewer = useViewer();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const importCases = usePayloadMutation(ImportRefusalCasesDocument);

  if (viewer.role !== 'SMO_EXPERT') return <Empty>Загрузку случаев выполняют эксперты СМО.</Empty>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setResult(null);
    const input = { fileName: file.name, contentBase64: await readAsBase64(file) };
    setResult((await importCases.send({ input, rowStatuses: ATTENTION })).result);
  };

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">Загрузка случаев из таблицы</h1>
      <p className="lead">
        Файл XLSX или CSV по шаблону (столбцы и правила — на листе «Инструкция»; МО и бюро выбираются из списков или вводятся по ОГРН). Строки, которые уже
        загружены, повторно не создаются.
      </p>
      <DownloadButton url="/templates/refusal-cases.xlsx" fileName="shablon-sluchai-otkaza.xlsx">
        Скачать шаблон XLSX
      </DownloadButton>
      <form onSubmit={submit} className="import-form">
        <FormMessages messages={importCases.errors.general} />
        <div className="field">
          <label htmlFor="import-file">Файл</label>
          <input id="import-file" type="file" accept=".xlsx,.csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" disabled={importCases.busy || !file}>
          {importCases.busy ? 'Загрузка…' : 'Загрузить'}
        </button>
      </form>
      {result && (
        <>
          <p className="banner banner--info" role="status">
            {result.fileName}: строк {result.totalRows}, создано {result.created}, уже было {result.alreadyPresent}, с ошибками {result.invalid}.
          </p>
          {result.createdRows.length > 0 && (
            <p>
              Созданы случаи{' '}
              {result.createdRows.map((row, i) => (
                <span key={row.row}>
                  {i > 0 && ', '}
                  <Link to={`/cases/${row.caseId}`}>{row.caseNumber}</Link>
                </span>
              ))}
              {result.created > result.createdRows.length && (
                <>
                  {' '}
                  и ещё {result.created - result.createdRows.length} — в <Link to="/cases">списке случаев</Link>
                </>
              )}
              .
            </p>
          )}
          {result.rows.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <caption>Строки с ошибками и уже загруженные</caption>
                <thead>
                  <tr>
                    <th scope="col">Строка</th>
                    <th scope="col">Результат</th>
                    <th scope="col">Случай</th>
                    <th scope="col">Ошибки</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((row) => (
                    <tr key={row.row} className={row.status === 'INVALID' ? 'row--invalid' : undefined}>
                      <td>{row.row}</td>
                      <td>{ROW_STATUS[row.status]}</td>
                      <td>{row.caseId ? <Link to={`/cases/${row.caseId}`}>{row.caseNumber}</Link> : '—'}</td>
                      <td>
                        {row.errors.map((e, i) => (
                          <div key={i}>
                            {e.columnLetter ? `Столбец ${e.columnLetter}${e.column ? ` («${e.column}»)` : ''}: ` : ''}
                            {e.message}
                          </div>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
