import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'tripline:isPublic';

/** Lets a GraphQL operation run without a token (login). Everything else needs one. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
