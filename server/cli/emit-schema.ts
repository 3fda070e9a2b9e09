import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { schemaSdl } from '../app/schema.js';
import { projectRoot } from '../shared/project-root.js';

const target = path.join(projectRoot(), 'schema', 'schema.graphql');
await writeFile(target, await schemaSdl());
process.stdout.write(`Схема записана: ${path.relative(process.cwd(), target)}\n`);
