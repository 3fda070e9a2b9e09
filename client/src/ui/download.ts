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
  saveFile(await response.blob(), name ? decodeURIComponent(name) : fallbackName);
}

/** Hands a file to the browser to save under the given name. */
export function saveFile(blob: Blob, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** A file the API answered as base64 (the register of a case list). */
export function saveBase64File(contentBase64: string, fileName: string, type: string): void {
  const bytes = Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0));
  saveFile(new Blob([bytes], { type }), fileName);
}

/** A chosen file's bytes as base64, as the API takes uploaded files. */
export async function readAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
