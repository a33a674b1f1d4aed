// RxDB Server for the sync benchmark (bench.js): RxDB's in-memory storage behind rxdb-server's
// replication endpoints (/<collection>/0/push and /<collection>/0/pull with its checkpoint), one
// collection per name given, each holding the benchmark's workout documents. Nothing is written to
// disk: the figures are of a server without durability.
//   node rxdb-server.mjs <port> <collection,collection,...>   prints "ready" once listening
import express from 'express'
import { createRxDatabase } from 'rxdb'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { createRxServer } from 'rxdb-server/plugins/server'
import { RxServerAdapterExpress } from 'rxdb-server/plugins/adapter-express'

const [port, names] = [Number(process.argv[2]), process.argv[3].split(',')]
const schema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    name: { type: 'string' },
    notes: { type: 'string' },
    template_id: { type: 'string' },
    exercises: { type: 'string' },
    started_at: { type: 'number' },
    ended_at: { type: 'number' },
    created_at: { type: 'number' },
    updated_at: { type: 'number' },
  },
  required: ['id'],
}

const database = await createRxDatabase({ name: 'bench', storage: getRxStorageMemory(), multiInstance: false })
const collections = await database.addCollections(Object.fromEntries(names.map((name) => [name, { schema }])))
// The adapter's own app parses bodies up to express's 100 kB default; a push of 500 workouts is larger.
const app = express()
app.use(express.json({ limit: '64mb' }))
const server = await createRxServer({
  database, adapter: RxServerAdapterExpress, serverApp: app, port, hostname: '127.0.0.1',
})
for (const name of names) server.addReplicationEndpoint({ name, collection: collections[name] })
await server.start()
console.log('ready')
