import DataLoader from 'dataloader';
import { Field, ObjectType } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { InsuredPerson } from '../persons/insured-person.entity.js';
import { RequiredExaminationItem } from '../reference/register.resolver.js';
import { requiredExaminationsMany, sectionFor, type RequiredExamination } from '../reference/required-examinations.js';
import { MissingExamination, type RefusalCase } from './refusal-case.entity.js';

@ObjectType({ description: 'Обследование, которое перечень требует для случая' })
export class RequiredOnCase extends RequiredExaminationItem {
  @Field({ description: 'Среди недостающих обследований случая' })
  namedAsMissing!: boolean;

  @Field({ description: 'Прямо названо бюро МСЭ' })
  namedByBureau!: boolean;
}

@ObjectType({ description: 'Недостающие обследования случая рядом с перечнем 402н/631н' })
export class CaseExaminationsByOrder {
  @Field({ description: 'Раздел перечня: «взрослые» (18 лет и старше на дату направления) или «дети»' })
  section!: string;

  @Field(() => [RequiredOnCase], { description: 'Что требует перечень при основном диагнозе и возрасте: сначала основные' })
  required!: RequiredOnCase[];

  @Field(() => [RequiredExaminationItem], { description: 'Требуется перечнем, но не названо недостающим: МО стоит проверить, что это сделано' })
  requiredButNotNamed!: RequiredExaminationItem[];

  @Field(() => [MissingExamination], { description: 'Названо недостающим, но перечнем не требуется: отказ, который фонд может оспорить' })
  namedButNotRequired!: MissingExamination[];
}

/**
 * A case's missing examinations against the list: "named" means listed among the case's missing
 * examinations (whoever named it); coded ones are matched by НМУ code, free text is never matched.
 */
export function compareWithOrder(required: RequiredExamination[], missing: MissingExamination[], section: string): CaseExaminationsByOrder {
  const named = new Map(missing.filter((m) => m.nmuCode).map((m) => [m.nmuCode!, m]));
  const requiredCodes = new Set(required.map((r) => r.nmuCode));
  return {
    section: section === '1' ? 'взрослые' : 'дети',
    required: required.map((r) => ({ ...r, namedAsMissing: named.has(r.nmuCode), namedByBureau: named.get(r.nmuCode)?.namedByBureau ?? false })),
    requiredButNotNamed: required.filter((r) => !named.has(r.nmuCode)),
    namedButNotRequired: missing.filter((m) => m.nmuCode && !requiredCodes.has(m.nmuCode)),
  };
}

/** Required examinations of the cases of one request, by case id: one list, one query for the names (when asked for). */
function caseOrderLoader(ctx: Context, named: boolean): Promise<DataLoader<RefusalCase, { required: RequiredExamination[]; section: string } | null>> {
  return ctx.loaders.memo(
    named ? 'caseOrder' : 'caseOrderCodes',
    async (em) =>
      new DataLoader(
        async (cases: readonly RefusalCase[]) => {
          const persons = await ctx.loaders.byId(InsuredPerson).loadMany(cases.map((c) => c.person.id));
          const queries = cases.map((c, i) => ({
            mainDiagnosis: c.mainDiagnosis,
            birthDate: (persons[i] as InsuredPerson).birthDate,
            onDate: c.referralDate,
          }));
          const required = await requiredExaminationsMany(em, queries, { named });
          return cases.map((_, i) => (required ? { required: required[i], section: sectionFor(queries[i].birthDate, queries[i].onDate) } : null));
        },
        { cacheKeyFn: (c) => c.id },
      ),
  );
}

/** The case's missing examinations, each saying whether the list requires it (null without a list or a code). */
export async function missingWithOrder(ctx: Context, c: RefusalCase): Promise<MissingExamination[]> {
  // Text is never judged: a case without a coded examination needs no list.
  const order = c.missingExaminations.some((m) => m.nmuCode) ? await (await caseOrderLoader(ctx, false)).load(c) : null;
  const codes = order ? new Set(order.required.map((r) => r.nmuCode)) : null;
  return c.missingExaminations.map((m) => ({ ...m, nmuCode: m.nmuCode ?? null, requiredByOrder: codes && m.nmuCode ? codes.has(m.nmuCode) : null }));
}

export async function examinationsByOrder(ctx: Context, c: RefusalCase): Promise<CaseExaminationsByOrder | null> {
  const order = await (await caseOrderLoader(ctx, true)).load(c);
  return order ? compareWithOrder(order.required, c.missingExaminations, order.section) : null;
}
