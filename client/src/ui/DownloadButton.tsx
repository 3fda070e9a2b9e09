import { useState } from 'react';
import { downloadFile } from './download';

export function DownloadButton({ url, fileName, children }: { url: string; fileName: string; children: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadFile(url, fileName);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Не удалось скачать файл');
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="download">
      <button type="button" className="button--secondary" onClick={download} disabled={busy}>
        {busy ? 'Скачивание…' : children}
      </button>
      {error && (
        <span role="alert" className="field__error">
          {error}
        </span>
      )}
    </span>
  );
}
