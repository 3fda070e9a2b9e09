import { useClient } from 'urql';
import { RefusalCasesRegisterDocument, type RefusalCaseFilter, type RefusalCaseOrder } from '../../generated/graphql';
import { describeRequestError } from '../app/api';
import { DownloadAction } from '../ui/DownloadButton';
import { saveBase64File } from '../ui/download';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The list as it is filtered, every row rather than the page, as a register to print (XLSX). */
export function CaseRegisterButton({ filter, orderBy }: { filter: RefusalCaseFilter; orderBy: RefusalCaseOrder | undefined }) {
  const client = useClient();
  const run = async () => {
    const answer = await client.query(RefusalCasesRegisterDocument, { filter, orderBy }, { requestPolicy: 'network-only' }).toPromise();
    if (answer.error || !answer.data) throw new Error(answer.error ? describeRequestError(answer.error) : 'Не удалось выгрузить реестр');
    saveBase64File(answer.data.refusalCasesRegister.contentBase64, answer.data.refusalCasesRegister.fileName, XLSX);
  };
  return <DownloadAction run={run}>Реестр в XLSX</DownloadAction>;
}
