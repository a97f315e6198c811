import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapAdmin } from '../src/access/bootstrap.ts';
import { Engine } from '../src/engine/engine.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'polity-'));
const store = await openSqliteStore({ file: join(dir, 'p.sqlite'), daoId: 'd1' });
const engine = await Engine.open({ store, onFault: (e) => console.error('FAULT', e) });
console.log(await bootstrapAdmin(engine));
const admin = { actorId: 'admin' };
console.log(
  await engine.submit(admin, {
    type: 'ledger.create_asset',
    payload: { id: 'btt', kind: 'fungible', symbol: 'BTT', decimals: 18, maxSupply: '21000000', supply: 'fixed' },
  }),
);
console.log(
  await engine.submit(admin, {
    type: 'ledger.create_accounts',
    payload: {
      accounts: [
        { id: 'alice', asset: 'btt' },
        { id: 'bob', asset: 'btt' },
      ],
    },
  }),
);
console.log(await engine.submit(admin, { type: 'ledger.mint', payload: { id: 'm1', asset: 'btt', to: 'alice', amount: '1000' } }));
console.log(
  JSON.stringify(
    await engine.submit(admin, {
      type: 'ledger.create_transfers',
      payload: {
        transfers: [
          { id: 't1', from: 'alice', to: 'bob', amount: '1.5' },
          { id: 't2', from: 'alice', to: 'bob', amount: '99999' },
          { id: 't1', from: 'alice', to: 'bob', amount: '1.5' },
        ],
      },
    }),
  ),
);
console.log(engine.state.ledger.accounts.get('bob'));
await engine.close();
await store.close();
const store2 = await openSqliteStore({ file: join(dir, 'p.sqlite'), daoId: 'd1' });
const e2 = await Engine.open({ store: store2 });
console.log(e2.head, e2.state.ledger.accounts.get('bob')?.creditsPostedUnits);
console.log(await store2.db.selectFrom('accounts').selectAll().execute());
await store2.close();
