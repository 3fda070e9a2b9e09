/**
 * Reads a defect catalogue published as a Markdown rendering of a PDF table (DOMAIN.md,
 * "The defect catalogue"): page breaks split rows (a row with an empty code cell continues the
 * row above), group rows carry no coefficients, numbering has gaps, cells may be empty
 * ("not set", never zero) and decimals use commas. Nothing is invented: a value is taken as
 * printed or the file is refused with its line number.
 */

export interface ParsedDefectCode {
  code: string;
  section: number;
  parentCode: string | null;
  text: string;
  nonPaymentCoefficient: string | null;
  fineCoefficient: string | null;
  assignable: boolean;
  /** Order in the document. */
  position: number;
  /** Line where the code's row starts. */
  line: number;
}

export class CatalogueFormatError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`строка ${line}: ${reason}`);
    this.name = 'CatalogueFormatError';
  }
}

const SECTION_ROW = /^Раздел\s+(\d+)\.?/;
const CODE_CELL = /^(\d+(?:\.\d+)*)\.?$/;
const COEFFICIENT = /^\d+(?:[.,]\d+)?$/;
const SEPARATOR_ROW = /^\|[\s|:-]*$/;
const COLUMNS = 4;

type Draft = Omit<ParsedDefectCode, 'parentCode' | 'assignable'>;

const collapse = (value: string) => value.replace(/\s+/g, ' ').trim();

function splitRow(line: string): string[] {
  const trimmed = line.trim();
  const inner = trimmed.slice(1, trimmed.endsWith('|') ? -1 : undefined);
  return inner.split('|').map(collapse);
}

function coefficient(cell: string, lineNo: number, column: string): string | null {
  if (cell === '') return null;
  if (!COEFFICIENT.test(cell)) throw new CatalogueFormatError(lineNo, `в столбце «${column}» не число: «${cell}»`);
  return cell.replace(',', '.');
}

function joinText(head: string, tail: string): string {
  return head === '' ? tail : tail === '' ? head : `${head} ${tail}`;
}

export function parseCatalogue(source: string): ParsedDefectCode[] {
  const lines = source.split(/\r?\n/);
  const drafts: Draft[] = [];
  let section: number | null = null;
  let headerSeen = false;

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (!line.startsWith('|') || SEPARATOR_ROW.test(line)) return;
    const cells = splitRow(line);
    if (cells.length !== COLUMNS) {
      throw new CatalogueFormatError(lineNo, `в строке таблицы ${cells.length} столбцов вместо ${COLUMNS}`);
    }
    const [codeCell, textCell, nonPaymentCell, fineCell] = cells;
    if (/^Код нарушения/i.test(codeCell)) {
      headerSeen = true;
      return;
    }
    if (cells.every((c) => c === '')) return;
    const sectionMatch = SECTION_ROW.exec(codeCell);
    if (sectionMatch) {
      section = Number(sectionMatch[1]);
      return;
    }
    const nonPayment = coefficient(nonPaymentCell, lineNo, 'Кно');
    const fine = coefficient(fineCell, lineNo, 'Кшт');

    if (codeCell === '') {
      const previous = drafts.at(-1);
      if (!previous) throw new CatalogueFormatError(lineNo, 'продолжение строки без кода перед ним');
      previous.text = joinText(previous.text, textCell);
      previous.nonPaymentCoefficient = mergeCoefficient(previous.nonPaymentCoefficient, nonPayment, lineNo, 'Кно');
      previous.fineCoefficient = mergeCoefficient(previous.fineCoefficient, fine, lineNo, 'Кшт');
      return;
    }

    const codeMatch = CODE_CELL.exec(codeCell);
    if (!codeMatch) throw new CatalogueFormatError(lineNo, `не код нарушения: «${codeCell}»`);
    const code = codeMatch[1];
    if (!headerSeen) throw new CatalogueFormatError(lineNo, 'код нарушения до заголовка таблицы');
    if (section === null) throw new CatalogueFormatError(lineNo, `код ${code} вне раздела`);
    if (Number(code.split('.')[0]) !== section) {
      throw new CatalogueFormatError(lineNo, `код ${code} не относится к разделу ${section}`);
    }
    if (drafts.some((d) => d.code === code)) throw new CatalogueFormatError(lineNo, `код ${code} повторяется`);
    drafts.push({
      code,
      section,
      text: textCell,
      nonPaymentCoefficient: nonPayment,
      fineCoefficient: fine,
      position: drafts.length + 1,
      line: lineNo,
    });
  });

  if (drafts.length === 0) throw new CatalogueFormatError(lines.length, 'в файле нет ни одного кода нарушения');
  return withHierarchy(drafts);
}

function mergeCoefficient(current: string | null, continued: string | null, lineNo: number, column: string) {
  if (continued === null) return current;
  if (current !== null) throw new CatalogueFormatError(lineNo, `второе значение «${column}» в продолжении строки`);
  return continued;
}

const parentOf = (code: string) => (code.includes('.') && code.split('.').length > 2 ? code.slice(0, code.lastIndexOf('.')) : null);

function withHierarchy(drafts: Draft[]): ParsedDefectCode[] {
  const codes = new Set(drafts.map((d) => d.code));
  const parents = new Set<string>();
  for (const draft of drafts) {
    if (draft.text === '') throw new CatalogueFormatError(draft.line, `у кода ${draft.code} нет текста`);
    const parent = parentOf(draft.code);
    if (parent && !codes.has(parent)) {
      throw new CatalogueFormatError(draft.line, `у кода ${draft.code} нет группы ${parent}`);
    }
    if (parent) parents.add(parent);
  }
  return drafts.map((draft) => ({
    ...draft,
    parentCode: parentOf(draft.code),
    // A group row whose children carry the coefficients cannot itself be a finding.
    assignable: !parents.has(draft.code),
  }));
}
