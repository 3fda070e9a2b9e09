import { useState } from 'react';
import { useClient } from 'urql';
import { RefusalCasesRegisterDocument, type RefusalCaseFilter, type RefusalCaseOrder } from '../../generated/graphql';
import { describeRequestError } from '../app/api';
import { saveBase64File } from '../ui/download';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The list as it is filtered, every row rather than the page, as a register to print (XLSX). */
export function CaseRegisterButton({ filter, orderBy }: { filter: RefusalCaseFilter; orderBy: RefusalCaseOrder | undefined }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    const answer = await client.query(RefusalCasesRegisterDocument, { filter, orderBy }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    if (answer.error || !answer.data) return setError(answer.error ? describeRequestError(answer.error) : 'Не удалось выгрузить реестр');
    saveBase64File(answer.data.refusalCasesRegister.contentBase64, answer.data.refusalCasesRegister.fileName, XLSX);
  };
  return (
    <span className="download">
      <button type="button" className="button--secondary" onClick={() => void download()} disabled={busy}>
        {busy ? 'Выгрузка…' : 'Реестр в XLSX'}
      </button>
      {error && (
        <span role="alert" className="field__error">
          {error}
        </span>
      )}
    </span>
  );
}
