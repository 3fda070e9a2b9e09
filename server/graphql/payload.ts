import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { DomainError, UserErrorCode, type UserErrorData } from '../shared/errors.js';

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Вид ожидаемой ошибки',
});

@ObjectType({ description: 'Ошибка, которую пользователь может исправить' })
export class UserError implements UserErrorData {
  @Field(() => String, { nullable: true, description: 'Путь к полю ввода через точку; null — ошибка запроса в целом' })
  field!: string | null;

  @Field({ description: 'Сообщение для пользователя' })
  message!: string;

  @Field(() => UserErrorCode)
  code!: UserErrorCode;
}

export interface PayloadShape<T> {
  result: T | null;
  errors: UserErrorData[];
}

/** Mutation payload `{ result, errors }`: a result on success, the user errors otherwise. */
export function PayloadOf<T extends object>(resultType: ClassType<T>) {
  @ObjectType()
  abstract class Payload implements PayloadShape<T> {
    @Field(() => resultType, { nullable: true })
    result!: T | null;

    @Field(() => [UserError])
    errors!: UserErrorData[];
  }
  return Payload;
}

export const success = <T>(result: T): PayloadShape<T> => ({ result, errors: [] });

export const failure = <T>(error: DomainError): PayloadShape<T> => ({ result: null, errors: error.errors });
