import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { enumLabelsModule } from '../graphql/enum-labels.js';
import { projectRoot } from '../shared/project-root.js';

const root = projectRoot();
const target = path.join(root, 'client', 'src', 'app', 'enum-labels.generated.ts');
await writeFile(target, enumLabelsModule(await readFile(path.join(root, 'schema', 'schema.graphql'), 'utf8')));
process.stdout.write(`Подписи перечислений записаны: ${path.relative(process.cwd(), target)}\n`);
