/**
 * One description per field of a refusal case and of its person: the Russian label (errors and
 * history), the form's wording where it says more, the length limit, the spreadsheet column, and
 * the messages of the checks that both the server and the web client make. Validation
 * (cases/refusal-case.rules.ts), history diffs, the spreadsheet layout and the web client's form
 * are derived from here; it lives in shared/ because the web client reads it too.
 */
export interface FieldDescription {
  label: string;
  /** The form's label, where it says more than the label. */
  formLabel?: string;
  required: boolean;
  maxLength?: number;
  /** The import spreadsheet's column: its cell key, header, hint and an example value. */
  sheet: { key: string; header: string; hint: string; example: string };
}

export const PERSON_FIELDS = {
  enp: {
    label: 'ЕНП',
    required: true,
    maxLength: 16,
    sheet: { key: 'enp', header: 'ЕНП', hint: '16 цифр; столбец в текстовом формате', example: '5000000000000009' },
  },
  snils: { label: 'СНИЛС', required: false, sheet: { key: 'snils', header: 'СНИЛС', hint: 'XXX-XXX-XXX YY', example: '112-233-445 95' } },
  surname: { label: 'Фамилия', required: true, maxLength: 100, sheet: { key: 'surname', header: 'Фамилия', hint: '', example: 'Цаликова' } },
  name: { label: 'Имя', required: true, maxLength: 100, sheet: { key: 'name', header: 'Имя', hint: '', example: 'Фатима' } },
  patronymic: { label: 'Отчество', required: false, maxLength: 100, sheet: { key: 'patronymic', header: 'Отчество', hint: '', example: 'Хасановна' } },
  birthDate: { label: 'Дата рождения', required: true, sheet: { key: 'birthDate', header: 'Дата рождения', hint: 'ДД.ММ.ГГГГ', example: '14.03.1961' } },
  sex: { label: 'Пол', required: true, sheet: { key: 'sex', header: 'Пол', hint: 'М или Ж', example: 'Ж' } },
} satisfies Record<string, FieldDescription>;

export const CASE_FIELDS = {
  moId: {
    label: 'Медицинская организация',
    formLabel: 'Направившая МО',
    required: true,
    sheet: { key: 'moOgrn', header: 'ОГРН МО', hint: 'ОГРН (ОГРНИП) направившей медицинской организации или её код в реестре ТФОМС', example: '1021500000040' },
  },
  bureauId: {
    label: 'Бюро МСЭ',
    required: true,
    sheet: { key: 'bureauOgrn', header: 'ОГРН бюро МСЭ', hint: 'ОГРН бюро, отказавшего в освидетельствовании', example: '1021500000017' },
  },
  referralNumber: {
    label: 'Номер направления',
    formLabel: 'Номер направления (088/у)',
    required: true,
    maxLength: 50,
    sheet: { key: 'referralNumber', header: 'Номер направления 088/у', hint: '', example: '088-1234' },
  },
  referralDate: {
    label: 'Дата направления',
    required: true,
    sheet: { key: 'referralDate', header: 'Дата направления', hint: 'ДД.ММ.ГГГГ', example: '01.02.2024' },
  },
  refusalDate: {
    label: 'Дата отказа',
    required: true,
    sheet: { key: 'refusalDate', header: 'Дата отказа', hint: 'ДД.ММ.ГГГГ, не раньше даты направления', example: '20.02.2024' },
  },
  refusalDocumentNumber: {
    label: 'Номер решения об отказе',
    required: true,
    maxLength: 50,
    sheet: { key: 'refusalDocumentNumber', header: 'Номер решения об отказе', hint: '', example: 'ОТК-55/2024' },
  },
  mainDiagnosis: {
    label: 'Основной диагноз',
    formLabel: 'Основной диагноз (МКБ-10)',
    required: true,
    sheet: { key: 'mainDiagnosis', header: 'Диагноз МКБ-10', hint: 'например I63.5', example: 'I63.5' },
  },
  secondaryDiagnoses: {
    label: 'Сопутствующие диагнозы',
    required: false,
    sheet: { key: 'secondaryDiagnoses', header: 'Сопутствующие диагнозы', hint: 'через запятую', example: 'E11, I10' },
  },
  missingExaminations: {
    label: 'Недостающие обследования',
    required: true,
    sheet: {
      key: 'missingExaminations',
      header: 'Недостающие обследования',
      hint: 'через «;»; звёздочка в конце — прямо названо бюро',
      example: 'Консультация невролога*; МРТ головного мозга',
    },
  },
  remarks: { label: 'Примечание', required: false, maxLength: 4000, sheet: { key: 'remarks', header: 'Примечание', hint: '', example: '' } },
} satisfies Record<string, FieldDescription>;

export type PersonField = keyof typeof PERSON_FIELDS;
export type CaseField = keyof typeof CASE_FIELDS;

/** The messages of the checks made on both sides: the web client as the user types, the server always. */
export const CASE_CHECKS = {
  enpDigits: 'ЕНП должен состоять из 16 цифр',
  enpChecksum: 'Неверная контрольная цифра ЕНП. Если полис настоящий, подтвердите ввод без проверки.',
  snilsFormat: 'СНИЛС: 11 цифр в виде XXX-XXX-XXX YY',
  snilsChecksum: 'Неверная контрольная сумма СНИЛС',
  birthDateInFuture: 'Дата рождения в будущем',
  refusalDateInFuture: 'Дата отказа не может быть в будущем',
  refusalBeforeReferral: 'Дата отказа раньше даты направления',
  icd10: (label: string) => `${label}: код МКБ-10 вида I63.5 или E11`,
} as const;
