import { DEMO_OGRN } from '../../../bootstrap/demo.js';
import type { TemplateRow } from './case-sheet.template.js';

/** Example rows against the demo organisations: a newcomer can load them on the demo data. */
export const EXAMPLE_CASE_ROWS: TemplateRow[] = [
  {
    enp: '5000000000000009', snils: '112-233-445 95', surname: 'Цаликова', name: 'Фатима', patronymic: 'Хасановна',
    birthDate: '14.03.1961', sex: 'Ж', moOgrn: DEMO_OGRN.mo1, bureauOgrn: DEMO_OGRN.bureau, referralNumber: '088-1201',
    referralDate: '15.01.2024', refusalDate: '02.02.2024', refusalDocumentNumber: 'ОТК-14/2024', mainDiagnosis: 'I69.3',
    secondaryDiagnoses: 'I10, E11.9', missingExaminations: 'Консультация невролога*; МРТ головного мозга', remarks: '',
  },
  {
    enp: '7700000000000008', snils: '', surname: 'Бекоев', name: 'Руслан', patronymic: 'Аланович',
    birthDate: '02.11.1958', sex: 'М', moOgrn: DEMO_OGRN.mo2, bureauOgrn: DEMO_OGRN.bureau, referralNumber: '088-0457',
    referralDate: '01.02.2024', refusalDate: '19.02.2024', refusalDocumentNumber: 'ОТК-31/2024', mainDiagnosis: 'E11.5',
    secondaryDiagnoses: '', missingExaminations: 'Осмотр офтальмолога*; Дуплексное сканирование артерий нижних конечностей*', remarks: 'Повторное направление',
  },
  {
    enp: '1500000000000003', snils: '', surname: 'Хетагурова', name: 'Зарина', patronymic: '',
    birthDate: '27.06.1975', sex: 'Ж', moOgrn: DEMO_OGRN.mo3, bureauOgrn: DEMO_OGRN.bureau, referralNumber: '088-0990',
    referralDate: '11.03.2024', refusalDate: '28.03.2024', refusalDocumentNumber: 'ОТК-58/2024', mainDiagnosis: 'C50.9',
    secondaryDiagnoses: '', missingExaminations: 'Гистологическое заключение*; Сцинтиграфия костей', remarks: '',
  },
];
