import { Arg, Ctx, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { PayloadOf } from '../../graphql/payload.js';
import { isUuid } from '../../shared/validation.js';
import { OrganisationKind } from './organisation-kind.js';
import { Organisation } from './organisation.entity.js';
import { CreateOrganisationInput, UpdateOrganisationInput } from './organisation.inputs.js';
import * as organisations from './organisation.service.js';

@ObjectType()
export class OrganisationPayload extends PayloadOf(Organisation) {}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => [Organisation], { description: 'Организации (справочник), по виду' })
  organisations(
    @Ctx() ctx: Context,
    @Arg('kind', () => OrganisationKind, { nullable: true }) kind?: OrganisationKind,
    @Arg('activeOnly', () => Boolean, { nullable: true }) activeOnly?: boolean,
  ): Promise<Organisation[]> {
    return organisations.listOrganisations(ctx.em, { kind, activeOnly });
  }

  @Query(() => Organisation, { nullable: true })
  async organisation(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Organisation | null> {
    return isUuid(id) ? organisations.findOrganisation(ctx.em, id) : null;
  }
  @Mutation(() => OrganisationPayload)
  createOrganisation(@Ctx() ctx: Context, @Arg('input') input: CreateOrganisationInput) {
    return runMutation(ctx, (em) => organisations.createOrganisation(em, input));
  }
  @Mutation(() => OrganisationPayload)
  updateOrganisation(@Ctx() ctx: Context, @Arg('input') input: UpdateOrganisationInput) {
    return runMutation(ctx, (em) => organisations.updateOrganisation(em, input));
  }
}
