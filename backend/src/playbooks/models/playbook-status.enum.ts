import { registerEnumType } from '@nestjs/graphql';

export enum PlaybookStatus {
  draft = 'draft',
  published = 'published',
}

registerEnumType(PlaybookStatus, { name: 'PlaybookStatus', description: 'published once any version has been published' });
