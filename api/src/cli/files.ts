import path from 'node:path';

/**
 * A file named on the command line, where the user meant it. `pnpm data …` and `pnpm register …`
 * run their script inside api/ (pnpm --filter), so a relative path is taken from the directory
 * pnpm was started for (INIT_CWD, which pnpm sets), not from api/.
 */
export const userPath = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
