// Progress lines on stdout, each prefixed `[bench]`.

export const log = (line) => process.stdout.write(`[bench] ${line}\n`);
