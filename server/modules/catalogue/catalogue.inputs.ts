import { Field, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';

@InputType({ description: 'Импорт новой версии перечня из текста Markdown' })
export class ImportCatalogueInput {
  @Field()
  name!: string;

  @Field(() => LocalDateScalar)
  effectiveFrom!: string;

  @Field({ description: 'Имя файла или реквизиты документа-источника' })
  sourceDocument!: string;

  @Field({ description: 'Содержимое файла (Markdown-таблица перечня)' })
  content!: string;
}
