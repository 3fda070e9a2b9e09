import { useState } from 'react';
import type { AttachmentFieldsFragment } from '../../generated/graphql';
import { authHeaders } from '../app/api';
import { DownloadButton } from '../ui/DownloadButton';
import { formatDateTime } from '../ui/format';

type Owner = 'CASE' | 'REVIEW' | 'ACTION';

/** Files attached to a case, review or action; those who may add files see the upload. */
export function Attachments({
  owner,
  ownerId,
  attachments,
  canUpload,
  onUploaded,
}: {
  owner: Owner;
  ownerId: string;
  attachments: readonly AttachmentFieldsFragment[];
  canUpload: boolean;
  onUploaded(): void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    const query = new URLSearchParams({ owner, ownerId, fileName: file.name });
    const response = await fetch(`/attachments?${query}`, { method: 'POST', headers: authHeaders(), body: file }).catch(() => null);
    setBusy(false);
    if (!response) return setError('Сервер недоступен. Повторите попытку.');
    if (!response.ok) return setError(((await response.json().catch(() => null)) as { message?: string } | null)?.message ?? 'Файл не принят');
    onUploaded();
  };
  return (
    <div className="attachments">
      {attachments.length === 0 ? (
        <p className="muted">Файлов нет.</p>
      ) : (
        <ul>
          {attachments.map((a) => (
            <li key={a.id}>
              <DownloadButton url={`/attachments/${a.id}`} fileName={a.fileName}>
                {a.fileName}
              </DownloadButton>{' '}
              <span className="muted">
                {Math.ceil(a.size / 1024)} КБ · {formatDateTime(a.uploadedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canUpload && (
        <div className="field">
          <label htmlFor={`upload-${owner}-${ownerId}`}>Приложить файл (PDF, PNG, JPEG, DOCX, XLSX, до 10 МБ)</label>
          <input
            id={`upload-${owner}-${ownerId}`}
            type="file"
            disabled={busy}
            accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
              e.target.value = '';
            }}
          />
          {error && (
            <span className="field__error" role="alert">
              {error}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
