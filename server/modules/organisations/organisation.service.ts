import type { EntityManager } from '@mikro-orm/postgresql';
import { UserErrorCode, domainError, notFound, staleVersion } from '../../shared/errors.js';
import { validate } from '../../shared/validation.js';
import type { OrganisationKind } from './organisation-kind.js';
import { Organisation } from './organisation.entity.js';
import { createOrganisationSchema, updateOrganisationSchema, type CreateOrganisationInput, type UpdateOrganisationInput } from './organisation.inputs.js';

export interface OrganisationFilter {
  kind?: OrganisationKind | null;
  activeOnly?: boolean | null;
}

/** Organisations are reference data every signed-in user may read (names and ОГРН only). */
export function listOrganisations(em: EntityManager, filter: OrganisationFilter): Promise<Organisation[]> {
  return em.find(
    Organisation,
    {
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.activeOnly ? { active: true } : {}),
    },
    { orderBy: { kind: 'asc', shortName: 'asc' } },
  );
}

export function findOrganisation(em: EntityManager, id: string): Promise<Organisation | null> {
  return em.findOne(Organisation, { id });
}

async function assertOgrnFree(em: EntityManager, ogrn: string, exceptId?: string): Promise<void> {
  const holder = await em.findOne(Organisation, { ogrn });
  if (holder && holder.id !== exceptId) {
    throw domainError('ogrn', UserErrorCode.ALREADY_EXISTS, `ОГРН ${ogrn} уже принадлежит организации «${holder.shortName}»`);
  }
}

/** A registry code names one organisation of a kind (the fund keeps one registry of MOs and one of SMOs). */
async function assertRegistryCodeFree(em: EntityManager, kind: OrganisationKind, registryCode: string | null, exceptId?: string): Promise<void> {
  if (!registryCode) return;
  const holder = await em.findOne(Organisation, { kind, registryCode });
  if (holder && holder.id !== exceptId) {
    throw domainError('registryCode', UserErrorCode.ALREADY_EXISTS, `Код ${registryCode} в реестре уже у организации «${holder.shortName}»`);
  }
}

export async function createOrganisation(em: EntityManager, input: CreateOrganisationInput): Promise<Organisation> {
  const data = validate(createOrganisationSchema, input);
  await assertOgrnFree(em, data.ogrn);
  await assertRegistryCodeFree(em, data.kind, data.registryCode);
  const organisation = em.create(Organisation, data);
  await em.flush();
  return organisation;
}

export async function updateOrganisation(em: EntityManager, input: UpdateOrganisationInput): Promise<Organisation> {
  const { id, version, ...changes } = validate(updateOrganisationSchema, input);
  const organisation = await em.findOne(Organisation, { id });
  if (!organisation) throw notFound('id', 'Организация');
  if (organisation.version !== version) throw staleVersion(organisation.version);
  if (changes.ogrn) await assertOgrnFree(em, changes.ogrn, id);
  // A registry code sent as null (or not sent) is left as is; an empty string is refused by the schema.
  if (changes.registryCode) await assertRegistryCodeFree(em, organisation.kind, changes.registryCode, id);
  em.assign(organisation, Object.fromEntries(Object.entries(changes).filter(([, v]) => v != null)));
  await em.flush();
  return organisation;
}
