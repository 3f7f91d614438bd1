import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../accounts/auth.decorators';
import { DomainError } from '../common/domain-error';

/** Where `vite build console` puts the web console; `npm start` and `npm test` build it. */
export const CONSOLE_DIR = join(process.cwd(), 'dist', 'console');

/**
 * The web console's pages: every path under /console is the same single page, which signs the
 * person in and reads its data from the API. Its files are served as static assets beside this.
 */
@ApiExcludeController()
@Public()
@Controller('console')
export class ConsoleController {
  @Get(['', '*path'])
  page(@Res() response: Response): void {
    const index = join(CONSOLE_DIR, 'index.html');
    if (!existsSync(index)) {
      throw new DomainError('NOT_FOUND', {
        vi: 'Giao diện web chưa được dựng (npm run build:console)',
        en: 'The web console is not built (npm run build:console)',
      });
    }
    response.sendFile(index);
  }
}
