import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildCaseCsv, buildCaseSheet } from '../modules/cases/import/case-sheet.template.js';
import { EXAMPLE_CASE_ROWS } from '../modules/cases/import/case-sheet.example.js';
import { projectRoot } from '../shared/project-root.js';

/** Writes the empty template and the example files shipped under test/fixtures/. */
const dir = path.join(projectRoot(), 'test', 'fixtures');
await writeFile(path.join(dir, 'refusal-cases-template.xlsx'), await buildCaseSheet());
await writeFile(path.join(dir, 'refusal-cases-example.xlsx'), await buildCaseSheet(EXAMPLE_CASE_ROWS));
await writeFile(path.join(dir, 'refusal-cases-example.csv'), buildCaseCsv(EXAMPLE_CASE_ROWS));
process.stdout.write(`Шаблон и примеры записаны в ${path.relative(process.cwd(), dir)}\n`);
