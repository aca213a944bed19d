import { registerEnumType } from '@nestjs/graphql';

export enum SubjectKindEnum {
  person = 'person',
  account = 'account',
}

registerEnumType(SubjectKindEnum, { name: 'SubjectKind', description: 'What is scored and enrolled: a person or an account' });
