import { authHeaders } from '../app/api';

/**
 * Downloads a file the API serves behind the Bearer token (acts, reports, attachments): a plain
 * link cannot carry the header, so the file is fetched and handed to the browser as a blob.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const response = await fetch(url, { headers: authHeaders() });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? 'Не удалось скачать файл');
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  // RFC 6266: the UTF-8 name (Cyrillic) when given, else the plain one.
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = encoded ?? plain;
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
