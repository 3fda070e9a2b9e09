/** Chapters of МКБ-10 by the range of their three-character codes. */
export const ICD10_CHAPTERS: Array<{ chapter: string; from: string; to: string; name: string }> = [
  { chapter: 'I', from: 'A00', to: 'B99', name: 'Некоторые инфекционные и паразитарные болезни' },
  { chapter: 'II', from: 'C00', to: 'D48', name: 'Новообразования' },
  { chapter: 'III', from: 'D50', to: 'D89', name: 'Болезни крови, кроветворных органов и отдельные нарушения иммунного механизма' },
  { chapter: 'IV', from: 'E00', to: 'E90', name: 'Болезни эндокринной системы, расстройства питания и нарушения обмена веществ' },
  { chapter: 'V', from: 'F00', to: 'F99', name: 'Психические расстройства и расстройства поведения' },
  { chapter: 'VI', from: 'G00', to: 'G99', name: 'Болезни нервной системы' },
  { chapter: 'VII', from: 'H00', to: 'H59', name: 'Болезни глаза и его придаточного аппарата' },
  { chapter: 'VIII', from: 'H60', to: 'H95', name: 'Болезни уха и сосцевидного отростка' },
  { chapter: 'IX', from: 'I00', to: 'I99', name: 'Болезни системы кровообращения' },
  { chapter: 'X', from: 'J00', to: 'J99', name: 'Болезни органов дыхания' },
  { chapter: 'XI', from: 'K00', to: 'K93', name: 'Болезни органов пищеварения' },
  { chapter: 'XII', from: 'L00', to: 'L99', name: 'Болезни кожи и подкожной клетчатки' },
  { chapter: 'XIII', from: 'M00', to: 'M99', name: 'Болезни костно-мышечной системы и соединительной ткани' },
  { chapter: 'XIV', from: 'N00', to: 'N99', name: 'Болезни мочеполовой системы' },
  { chapter: 'XV', from: 'O00', to: 'O99', name: 'Беременность, роды и послеродовой период' },
  { chapter: 'XVI', from: 'P00', to: 'P96', name: 'Отдельные состояния, возникающие в перинатальном периоде' },
  { chapter: 'XVII', from: 'Q00', to: 'Q99', name: 'Врождённые аномалии, деформации и хромосомные нарушения' },
  { chapter: 'XVIII', from: 'R00', to: 'R99', name: 'Симптомы, признаки и отклонения от нормы, не классифицированные в других рубриках' },
  { chapter: 'XIX', from: 'S00', to: 'T98', name: 'Травмы, отравления и некоторые другие последствия воздействия внешних причин' },
  { chapter: 'XX', from: 'V01', to: 'Y98', name: 'Внешние причины заболеваемости и смертности' },
  { chapter: 'XXI', from: 'Z00', to: 'Z99', name: 'Факторы, влияющие на состояние здоровья и обращения в учреждения здравоохранения' },
  { chapter: 'XXII', from: 'U00', to: 'U85', name: 'Коды для особых целей' },
];

/** SQL that names the chapter of a diagnosis column, for grouping in PostgreSQL. */
export function chapterSql(column: string): string {
  const rubric = `substring(${column} from 1 for 3)`;
  const branches = ICD10_CHAPTERS.map((c) => `when ${rubric} between '${c.from}' and '${c.to}' then '${c.chapter}'`).join(' ');
  return `(case ${branches} else '—' end)`;
}

export const chapterName = (chapter: string) => {
  const found = ICD10_CHAPTERS.find((c) => c.chapter === chapter);
  return found ? `${found.chapter}. ${found.name} (${found.from}–${found.to})` : 'Вне классов МКБ-10';
};
