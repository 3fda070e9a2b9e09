import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserErrorCode } from '../../../shared/errors.js';
import { ImportRowStatus } from './case-import.service.js';

registerEnumType(ImportRowStatus, {
  name: 'ImportRowStatus',
  description: 'Итог строки файла',
  valuesConfig: {
    CREATED: { description: 'случай создан' },
    ALREADY_PRESENT: { description: 'случай уже есть в Razbor' },
    INVALID: { description: 'строка с ошибками, не загружена' },
  },
});

@ObjectType({ description: 'Ошибка в ячейке строки файла' })
export class ImportCellError {
  @Field(() => String, { nullable: true, description: 'Заголовок столбца' })
  column!: string | null;

  @Field(() => String, { nullable: true, description: 'Буква столбца (A, B, …)' })
  columnLetter!: string | null;

  @Field(() => String, { nullable: true, description: 'Поле регистрации, которое заполняет столбец' })
  field!: string | null;

  @Field()
  message!: string;

  @Field(() => UserErrorCode)
  code!: UserErrorCode;
}

@ObjectType({ description: 'Итог одной строки файла' })
export class ImportRowResultType {
  @Field(() => Int, { description: 'Номер строки в файле (заголовок — строка 1)' })
  row!: number;

  @Field(() => ImportRowStatus)
  status!: ImportRowStatus;

  @Field(() => ID, { nullable: true })
  caseId!: string | null;

  @Field(() => String, { nullable: true })
  caseNumber!: string | null;

  @Field(() => [ImportCellError])
  errors!: ImportCellError[];
}

@ObjectType({ description: 'Отчёт о загрузке файла случаев' })
export class CaseImportReport {
  @Field()
  fileName!: string;

  @Field(() => Int)
  totalRows!: number;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  alreadyPresent!: number;

  @Field(() => Int)
  invalid!: number;

  /** Every row's result; the API answers them through `rows(statuses, first)`. */
  rows!: ImportRowResultType[];
}

@InputType({ description: 'Файл случаев отказа (XLSX или CSV по шаблону)' })
export class ImportRefusalCasesInput {
  @Field({ description: 'Имя файла с расширением .xlsx или .csv' })
  fileName!: string;

  @Field({ description: 'Содержимое файла в Base64' })
  contentBase64!: string;
}
