const { Database, Model, appSchema, tableSchema } = require('@nozbe/watermelondb')
const LokiJSAdapter = require('@nozbe/watermelondb/adapters/lokijs').default
const { synchronize } = require('@nozbe/watermelondb/sync')
class W extends Model { static table = 'workouts' }
const schema = appSchema({version: 1, tables: [tableSchema({name: 'workouts', columns: [{name: 'name', type: 'string'}, {name:'created_at', type:'number'}, {name:'updated_at', type:'number'}]})]})
;(async () => {
const adapter = new LokiJSAdapter({ schema, useWebWorker: false, useIncrementalIndexedDB: false, dbName: 'x' + Math.random() })
const db = new Database({ adapter, modelClasses: [W] })
await db.write(async () => { await db.get('workouts').create(r => { r._setRaw('name', 'hi') }) })
const all = await db.get('workouts').query().fetch()
console.log(all.map(r => r._raw))
await synchronize({ database: db, pullChanges: async ({lastPulledAt}) => { console.log('pull', lastPulledAt); return {changes: {}, timestamp: 5} },
  pushChanges: async ({changes, lastPulledAt}) => { console.log('push', JSON.stringify(changes), lastPulledAt) } })
})().catch(e => { console.error('ERR', e); process.exit(1) })
