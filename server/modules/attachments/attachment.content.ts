import JSZip from 'jszip';
import { fileTypeFromBuffer } from 'file-type';

/** Types a user may attach, by their content (not by the name they carry). */
const ALLOWED_TYPES = new Map([
  ['pdf', 'application/pdf'],
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
]);

export type ContentVerdict = { ok: true; extension: string; contentType: string } | { ok: false; message: string };

/**
 * Markup or script a browser or a PDF reader would run: a file that is a PDF (or an image) to one
 * program and a web page to another is a polyglot, and no medical record needs one.
 */
const ACTIVE_CONTENT = /<\s*(?:html|script|body|iframe|svg|object|embed)\b|<!doctype|javascript:|\/(?:JavaScript|JS|Launch|EmbeddedFile)\b/i;

/** Parts of an Office file that run code: VBA macros, ActiveX, OLE objects and embedded programs. */
const ACTIVE_PART = /(?:^|\/)(?:vbaProject\.bin|vbaData\.xml|activeX\/|embeddings\/)|\.(?:exe|dll|com|bat|cmd|scr|msi|js|jse|vbs|vbe|wsf|ps1|jar|bin)$/i;

async function officeRunsCode(content: Buffer): Promise<boolean> {
  const zip = await JSZip.loadAsync(content);
  if (Object.keys(zip.files).some((name) => ACTIVE_PART.test(name))) return true;
  const types = await zip.file('[Content_Types].xml')?.async('string');
  return Boolean(types && /macroEnabled|vbaProject/i.test(types));
}

/** What the bytes are, and whether Razbor keeps them: allowed types only, no polyglots, no macros. */
export async function inspectContent(content: Buffer): Promise<ContentVerdict> {
  const detected = await fileTypeFromBuffer(content);
  const contentType = detected && ALLOWED_TYPES.get(detected.ext);
  if (!detected || !contentType) return { ok: false, message: 'Допустимы файлы PDF, PNG, JPEG, DOCX и XLSX' };
  if (detected.ext === 'docx' || detected.ext === 'xlsx') {
    if (await officeRunsCode(content).catch(() => true))
      return { ok: false, message: 'Файл содержит макросы или встроенные программы: такие файлы не принимаются' };
  } else if (ACTIVE_CONTENT.test(content.toString('latin1'))) {
    return { ok: false, message: 'Файл содержит HTML или сценарий: такие файлы не принимаются' };
  }
  return { ok: true, extension: detected.ext === 'jpg' ? 'jpg' : detected.ext, contentType };
}

/** Control, bidirectional and zero-width characters, and path separators: nothing that disguises a name. */
// eslint-disable-next-line no-control-regex -- control characters are what this strips
const DISGUISING = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\\/:*?"<>|]/g;

/**
 * The name a file is stored and served under: the user's name cleaned of disguising characters,
 * with the extension of what the content really is («poly.html» holding a PDF becomes «poly.pdf»).
 */
export function safeFileName(typed: string, extension: string): string {
  const cleaned = typed.normalize('NFC').replace(DISGUISING, '').replace(/\s+/g, ' ').trim();
  const base =
    cleaned
      .replace(/\.[^.]*$/, '')
      .replace(/[. ]+$/, '')
      .slice(0, 200) || 'файл';
  return `${base}.${extension}`;
}
