import { AppSetting } from '../modules/system/app-setting.entity.js';
import { RevokedToken, User } from '../modules/auth/user.entity.js';
import { CatalogueVersion } from '../modules/catalogue/catalogue-version.entity.js';
import { DefectCode } from '../modules/catalogue/defect-code.entity.js';
import { Organisation } from '../modules/organisations/organisation.entity.js';

export const ENTITIES = [AppSetting, Organisation, User, RevokedToken, CatalogueVersion, DefectCode];
