import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { DatabaseRefused, orgUnits, userRoles, users } from '@wutong/db';
import { Password, Username } from '@wutong/contracts';
import { ConfigError, loadConfig } from './platform/config.js';
import { openAndPrepare } from './bootstrap.js';
import { backupCommand } from './cli-backup.js';
import { hashPassword, randomPassword } from './platform/passwords.js';
import { findDivision } from './seeds/reference.js';
import { insertUnit, isEmpty, seedDemo } from './seeds/demo.js';

const HELP = `Usage: npm run wutong -- <command> [options]

Commands:
  migrate                       apply pending migrations
  create-admin                  create an administrator (the first one on an empty database)
      --username NAME           (default: admin)
      --password PASSWORD       (default: a random one, printed once)
      --name DISPLAY_NAME       (default: 系统管理员)
      --region CODE             GB/T 2260 code of the region the admin runs (default: 330203, 海曙区)
  seed-demo                     fill an empty database with the Haishu demo data
  backup [FILE]                 write a backup of the database (default: ./wutong-<engine>-<time>.tar.gz|.dump);
                                on a server while the app runs (pg_dump), the embedded one with the app stopped
  restore FILE                  restore a backup into an empty database (stop the app first)
      --replace                 replace a database that holds data (embedded: the old one is kept aside)
  wiring                        what runs after what: events and their listeners, jobs, workers
  module-graph                  the module dependency graph (Mermaid), as docs/architecture.md shows it
`;

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { username: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, region: { type: 'string' }, replace: { type: 'boolean' } },
  });
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return;
  }
  if (command === 'wiring') {
    console.log((await import('./modules.js')).wiringTable());
    return;
  }
  if (command === 'module-graph') {
    console.log((await import('./architecture.js')).mermaid());
    return;
  }
  // the CLI never seeds on its own: only `seed-demo` does
  const config = { ...loadConfig(), demo: false };
  // a backup reads the database as it is, and a restore replaces it: neither opens it the usual way (which migrates)
  if (command === 'backup' || command === 'restore') return backupCommand(command, positionals[0], { replace: values.replace }, config);
  const database = await openAndPrepare(config, (m) => console.error(m));
  try {
    if (command === 'migrate') {
      console.log(`migrations applied (${database.kind})`);
    } else if (command === 'seed-demo') {
      if (!(await isEmpty(database.db))) throw new Error('the database already has data; demo data goes only into an empty one');
      await seedDemo(database.db, console.log);
    } else if (command === 'create-admin') {
      const username = Username.parse(values.username ?? 'admin');
      const generated = !values.password;
      const password = Password.parse(values.password ?? randomPassword());
      const regionCode = values.region ?? '330203';
      const db = database.db;
      await db.transaction(async (tx) => {
        let region = (await tx.select().from(orgUnits).where(eq(orgUnits.code, regionCode)))[0];
        if (!region) {
          const div = findDivision(regionCode);
          if (!div) throw new Error(`unknown region code ${regionCode} (GB/T 2260, Zhejiang)`);
          const created = await insertUnit(tx, null, { name: div.name, kind: 'region', code: div.code });
          region = (await tx.select().from(orgUnits).where(eq(orgUnits.id, created.id)))[0]!;
        }
        const [u] = await tx
          .insert(users)
          .values({ username, displayName: values.name ?? '系统管理员', unitId: region.id, passwordHash: await hashPassword(password), mustChangePassword: true })
          .returning({ id: users.id });
        await tx.insert(userRoles).values({ userId: u!.id, role: 'admin' });
        console.log(`created admin "${username}" for ${region.name} (${region.code})`);
        if (generated) console.log(`initial password (shown once; changed at first sign-in): ${password}`);
      });
    } else {
      console.error(`unknown command: ${command}\n\n${HELP}`);
      process.exitCode = 2;
    }
  } finally {
    await database.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof DatabaseRefused || e instanceof ConfigError ? e.message : `error: ${(e as Error).message}`);
  process.exit(1);
});
