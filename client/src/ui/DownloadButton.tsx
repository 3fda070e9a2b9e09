import { useState } from 'react';
import { downloadFile } from './download';

/** A button that fetches a file and hands it to the browser; what went wrong is said beside it. */
export function DownloadAction({ run, children }: { run(): Promise<void>; children: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      await run();
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

/** A file the API serves at a URL (acts, reports, attachments). */
export function DownloadButton({ url, fileName, children }: { url: string; fileName: string; children: string }) {
  return <DownloadAction run={() => downloadFile(url, fileName)}>{children}</DownloadAction>;
}
