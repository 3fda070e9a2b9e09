import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm, type OrmSettings } from '../db/orm.js';
import { ENTITIES } from './modules.js';

/** The application's database: the ORM over the entities of every module. */
export const openAppOrm = (settings: Omit<OrmSettings, 'entities'>): Promise<MikroORM> => openOrm({ ...settings, entities: ENTITIES });
