import { Field, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';

@InputType({ description: 'Импорт новой версии перечня: таблица приложения в Markdown (content) или документ Word (contentBase64)' })
export class ImportCatalogueInput {
  @Field()
  name!: string;

  @Field(() => LocalDateScalar)
  effectiveFrom!: string;

  @Field({ description: 'Имя файла или реквизиты документа-источника' })
  sourceDocument!: string;

  @Field(() => String, { nullable: true, description: 'Содержимое файла (Markdown-таблица перечня)' })
  content?: string | null;

  @Field(() => String, { nullable: true, description: 'Приложение к тарифному соглашению в формате DOCX, как опубликовано (base64)' })
  contentBase64?: string | null;
}
