import { newId } from '../../shared/ids.js';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { registerLabelledEnum } from '../../graphql/enums.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { User } from '../auth/user.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import type { QuarterlyReport } from './report.types.js';

export enum SubmissionStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  RETURNED = 'RETURNED',
}

export const SUBMISSION_STATUS_LABEL: Record<SubmissionStatus, string> = { SUBMITTED: 'сдан', ACCEPTED: 'принят', RETURNED: 'возвращён на доработку' };

registerLabelledEnum(SubmissionStatus, 'SubmissionStatus', 'Состояние сданного отчёта', SUBMISSION_STATUS_LABEL);

/**
 * A submitted quarterly report: figures and files frozen at submission, never recomputed;
 * the database refuses any change but the fund's decision.
 */
@ObjectType({ description: 'Сданный квартальный отчёт (версия)' })
@Entity({ tableName: 'report_submission' })
@Unique({ properties: ['smo', 'year', 'quarter', 'revision'] })
export class ReportSubmission {
  [OptionalProps]?: 'status' | 'submittedAt' | 'reviewComment' | 'reviewedBy' | 'reviewedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Organisation)
  smo!: Rel<Organisation>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quarter!: number;

  @Field(() => Int, { description: 'Номер версии: повторная сдача — новая версия' })
  @Property({ type: 'integer' })
  revision!: number;

  @Field(() => SubmissionStatus)
  @Enum({ items: () => SubmissionStatus, default: SubmissionStatus.SUBMITTED })
  status: SubmissionStatus = SubmissionStatus.SUBMITTED;

  @Property({ type: 'jsonb' })
  figures!: QuarterlyReport;

  @Property({ type: 'blob', lazy: true })
  xlsx!: Buffer;

  @Property({ type: 'blob', lazy: true })
  docx!: Buffer;

  @ManyToOne(() => User)
  submittedBy!: Rel<User>;

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  submittedAt: Date = new Date();

  @Field(() => LocalDateScalar, { description: 'Дата сдачи (по часам Razbor)' })
  @Property({ type: 'date' })
  submittedOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Срок сдачи; null — нет календаря' })
  @Property({ type: 'date', nullable: true })
  dueOn!: string | null;

  @Field({ description: 'Сдан позже срока' })
  @Property({ type: 'boolean' })
  late!: boolean;

  @Field(() => String, { nullable: true, description: 'Замечания отдела мониторинга' })
  @Property({ type: 'text', nullable: true })
  reviewComment: string | null = null;

  @ManyToOne(() => User, { nullable: true })
  reviewedBy: Rel<User> | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null = null;
}
