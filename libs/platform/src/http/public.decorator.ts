import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'desk:public';

/** Opts a controller or route out of staff authentication. Everything else requires a bearer token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
